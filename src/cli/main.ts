import { analyze } from './analyze';
import { dump } from './dump';
import { generate } from './generate';
import { useNodeCrc32 } from './native-crc';
import { PUSH_USAGE, push, pushOptions } from './push';
import { SCAN_USAGE, scan } from './scan';

const USAGE = `usage: logonlens <command> [options]

commands:
  dump FILE… [--format jsonl|xml]   write every record as evtx_dump-style JSON lines (or XML)
  analyze FILE… [--tz H] [--from T] [--to T] [--json]
                                    import the logs into one case and print it (JSON document with --json;
                                    T is YYYY-MM-DDTHH:MM:SS in the shifted time)
  generate -o FILE.evtx|FILE.xml [--users N] [--hosts N] [--days N] [--attacks all|KIND,…] [--seed S] [--hostile]
                                    a synthetic domain's Security log, with FILE.truth.json (the attacks' ground truth)
  ${SCAN_USAGE}
  ${PUSH_USAGE}
`;

export async function main(argv: string[]): Promise<number> {
  useNodeCrc32();
  const [command, ...rest] = argv;
  const files: string[] = [];
  const flags = new Map<string, string>();
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i]!;
    if (a === '--hostile' || a === '--json') flags.set(a.slice(2), 'yes');
    else if (a === '-o') flags.set('out', rest[++i] ?? '');
    else if (a.startsWith('--')) flags.set(a.slice(2), rest[++i] ?? '');
    else files.push(a);
  }
  switch (command) {
    case 'dump': {
      const format = flags.get('format') ?? 'jsonl';
      if (format !== 'jsonl' && format !== 'xml') return usage(`unknown format ${format}`);
      if (files.length === 0) return usage('dump needs at least one file');
      return dump(files, { format }, process.stdout, process.stderr);
    }
    case 'analyze': {
      if (files.length === 0) return usage('analyze needs at least one file');
      const tzHours = Number(flags.get('tz') ?? 0);
      if (!Number.isFinite(tzHours) || Math.abs(tzHours) >= 24) return usage('--tz needs an offset in hours under 24');
      try {
        return await analyze(files, { tzHours, from: flags.get('from') ?? null, to: flags.get('to') ?? null, json: flags.has('json') }, process.stdout, process.stderr);
      } catch (e) {
        if (e instanceof RangeError) return usage(e.message);
        throw e;
      }
    }
    case 'generate': {
      const out = flags.get('out');
      if (!out) return usage('generate needs -o FILE.evtx or -o FILE.xml');
      const n = (name: string, fallback: number) => {
        const v = Number(flags.get(name) ?? fallback);
        return Number.isInteger(v) && v > 0 ? v : NaN;
      };
      const args = { users: n('users', 300), hosts: n('hosts', 300), days: n('days', 5) };
      const bad = Object.entries(args).find(([, v]) => Number.isNaN(v));
      if (bad) return usage(`--${bad[0]} needs a positive whole number`);
      return generate({ ...args, attacks: flags.get('attacks') ?? 'all', seed: flags.get('seed') ?? '1', hostile: flags.has('hostile'), out }, process.stderr);
    }
    case 'scan':
      return scan(rest, process.stdout, process.stderr);
    case 'push': {
      if (files.length === 0) return usage('push needs at least one file');
      const opts = pushOptions(flags, process.env);
      if (typeof opts === 'string') return usage(opts);
      // Ctrl-C: the batch being written completes, then the push stops and says what was written.
      const controller = new AbortController();
      const onInt = () => controller.abort();
      process.once('SIGINT', onInt);
      try {
        return await push(files, opts, process.stdout, process.stderr, controller.signal);
      } finally {
        process.off('SIGINT', onInt);
      }
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
