/**
 * Compound actions: what one logon or access writes on the client, the DC and the target, in causal
 * order with a few milliseconds between the steps. Benign activity and attacks are made of these.
 */
export { dcFor, endSession, type Session, startProcess, type World } from './world';
export { consoleTypo, interactiveLogon } from './console';
export { type AccessOptions, failedNetworkLogon, networkLogon, rdpLogon } from './remote';
export { batchLogon, machineLogon, serviceLogon } from './machine';
