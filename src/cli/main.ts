import { dump } from './dump';

const USAGE = `usage: logonlens <command> [options]

commands:
  dump FILE… [--format jsonl|xml]   write every record as evtx_dump-style JSON lines (or XML)
`;

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  const files: string[] = [];
  const flags = new Map<string, string>();
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i]!;
    if (a.startsWith('--')) flags.set(a.slice(2), rest[++i] ?? '');
    else files.push(a);
  }
  switch (command) {
    case 'dump': {
      const format = flags.get('format') ?? 'jsonl';
      if (format !== 'jsonl' && format !== 'xml') return usage(`unknown format ${format}`);
      if (files.length === 0) return usage('dump needs at least one file');
      return dump(files, { format }, process.stdout, process.stderr);
    }
    default:
      return usage(command ? `unknown command ${command}` : '');
  }
}

function usage(message: string): number {
  if (message) process.stderr.write(message + '\n');
  process.stderr.write(USAGE);
  return 2;
}
