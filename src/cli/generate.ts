import { createWriteStream } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { eventViewerXml, SECURITY_SCHEMAS } from '../core/evtx/writer';
import { writeEvtxFile } from '../core/evtx/writer/file';
import { ATTACK_KINDS, type AttackKind, createScenario, type ScenarioOptions } from '../core/generator';

export interface GenerateArgs {
  users: number;
  hosts: number;
  days: number;
  attacks: string;
  seed: string;
  hostile: boolean;
  out: string;
  start?: string;
}

/**
 * `logonlens generate`: a synthetic domain's Security log (EVTX, or Event Viewer XML when the output
 * ends in .xml), with the attacks' ground truth as JSON beside it (`FILE.truth.json`).
 */
export async function generate(args: GenerateArgs, err: NodeJS.WritableStream): Promise<number> {
  const attacks = args.attacks === 'all' ? [...ATTACK_KINDS] : args.attacks.split(',').filter(Boolean);
  const unknown = attacks.filter((a) => !(ATTACK_KINDS as readonly string[]).includes(a));
  if (unknown.length) {
    err.write(`unknown attack(s): ${unknown.join(', ')}; known: ${ATTACK_KINDS.join(', ')}\n`);
    return 2;
  }
  const hosts = Math.max(3, args.hosts);
  const options: ScenarioOptions = {
    seed: args.seed,
    users: args.users,
    // Hosts split as in a typical domain: mostly workstations, a few servers, two DCs.
    domainControllers: 2,
    servers: Math.max(1, Math.round(hosts * 0.05)),
    workstations: Math.max(1, hosts - 2 - Math.max(1, Math.round(hosts * 0.05))),
    days: args.days,
    start: args.start ?? '2024-03-04',
    attacks: attacks as AttackKind[],
    hostile: args.hostile,
    // The writer knows Windows' templates for these; the few others the generator can emit are left out.
    eventIds: [...SECURITY_SCHEMAS.keys()],
  };
  const scenario = createScenario(options);
  if (args.out.toLowerCase().endsWith('.xml')) {
    const stream = createWriteStream(args.out);
    stream.write('<?xml version="1.0" encoding="UTF-8"?>\n<Events>\n');
    for (const piece of eventViewerXml(scenario.events())) if (!stream.write(piece)) await new Promise((r) => stream.once('drain', r));
    stream.write('</Events>\n');
    await new Promise<void>((resolve, reject) => stream.end((e?: Error | null) => (e ? reject(e) : resolve())));
  } else {
    const written = await writeEvtxFile(args.out, scenario);
    err.write(`${args.out}: ${written.records} records in ${written.chunks} chunks, ${written.bytes} bytes\n`);
  }
  await writeFile(`${args.out}.truth.json`, JSON.stringify(scenario.truth, null, 2) + '\n');
  err.write(`${args.out}.truth.json: ${scenario.truth.length} attacks\n`);
  return 0;
}
