import type { AttackKind } from '../types';
import { auditPolicyChange } from './audit-policy-change';
import { bruteForce } from './brute-force';
import type { Attack } from './common';
import { dcshadow } from './dcshadow';
import { dcsync } from './dcsync';
import { logClearing } from './log-clearing';
import { ms14068 } from './ms14-068';
import { newDomainAdmin } from './new-domain-admin';
import { passTheHash } from './pass-the-hash';
import { passwordSpraying } from './password-spraying';
import { rdpHopping } from './rdp-hopping';

export type { Attack, AttackOutcome } from './common';

export const ATTACKS: Record<AttackKind, Attack> = {
  'password-spraying': passwordSpraying,
  'brute-force': bruteForce,
  'pass-the-hash': passTheHash,
  'rdp-hopping': rdpHopping,
  dcsync,
  dcshadow,
  'new-domain-admin': newDomainAdmin,
  'audit-policy-change': auditPolicyChange,
  'ms14-068': ms14068,
  'log-clearing': logClearing,
};
