import { type World } from '../activity';
import { tgs4769, tgt4768 } from '../fields-kerberos';
import { port } from '../format';
import { type Attack, homeOf, names, pickUser } from './common';

/**
 * A failed MS14-068 (forged PAC, PyKEK) attempt by an ordinary user against a patched DC: a TGT
 * asked for without a PAC (RC4, options 0x50800000), then service-ticket requests carrying the
 * forged PAC, refused with KDC_ERR_SUMTYPE_NOSUPP (a HexInt32, rendered `0xf`).
 */
export const ms14068: Attack = {
  kind: 'ms14-068',
  hours: [7, 19],
  run(w: World, t0: number) {
    const { d, rng } = w;
    const user = pickUser(w);
    const src = homeOf(w, user);
    const dc = rng.pick(d.dcs);
    w.out.push(tgt4768(dc, t0, d, { name: user.name, sid: user.sid, ip: src.ip, port: port(rng), ticketOptions: '0x50800000', encryption: '0x17' }));
    let t = t0 + rng.between(50, 400);
    for (let i = rng.between(1, 3); i > 0; i--) {
      w.out.push(tgs4769(dc, t, d, { name: `${user.name}@${d.realm}`, service: 'krbtgt', serviceSid: d.krbtgt.sid, ip: src.ip, port: port(rng), status: '0xf', ticketOptions: '0x50800000' }));
      t += rng.between(2_000, 20_000);
    }
    return { accounts: [user.name], hosts: names([src, dc]) };
  },
};
