import { nameOf } from '../context';
import type { AdvisorContext, AdvisorWarning, Rule } from '../types';

/** Nodes that keep a map linear: the identity activation, dropout (a scaling), flatten (a reshape). */
function passesLinearly(ctx: AdvisorContext, id: string): boolean {
  const t = ctx.typeOf(id);
  return t === 'Dropout' || t === 'Flatten' || (t === 'Activation' && ctx.fnOf(id) === 'linear');
}

/** Two Dense layers with nothing non-linear between them compute one linear map. */
export const linearStack: Rule = {
  id: 'linear-stack',
  summary: 'two Dense layers with no non-linear activation between them (they collapse into one linear map)',
  check(ctx) {
    const out: AdvisorWarning[] = [];
    for (const n of ctx.graph.nodes) {
      if (ctx.typeOf(n.id) !== 'Dense') continue;
      // Walk up from this Dense through linear pass-throughs; note the first linear activation met.
      let next = n.id;
      let at = ctx.sourceOf(n.id);
      let linearAct: string | undefined;
      while (at !== undefined && passesLinearly(ctx, at)) {
        if (ctx.typeOf(at) === 'Activation') linearAct = at;
        next = at;
        at = ctx.sourceOf(at);
      }
      if (at === undefined || ctx.typeOf(at) !== 'Dense') continue;
      const why = `nothing non-linear sits between ${nameOf(ctx, at)} and ${nameOf(ctx, n.id)}, so together the two layers are still one linear map (a straight-line model): the extra layer adds weights but no power to bend.`;
      out.push(linearAct
        ? {
          rule: this.id, node: linearAct,
          message: `${nameOf(ctx, linearAct)} is a linear activation, which changes nothing: ${why} Use a non-linear function such as ReLU or tanh.`,
          fix: { label: `Use relu in "${linearAct}"`, edits: [{ kind: 'set-param', node: linearAct, param: 'fn', value: 'relu' }] },
        }
        : {
          rule: this.id, node: n.id,
          message: `${capitalise(why)} Add an activation such as ReLU between them.`,
          fix: { label: `Add a ReLU after "${at}"`, edits: [{ kind: 'insert-node', after: at, before: next, node: { id: `${at}_relu`, type: 'Activation', params: { fn: 'relu' } } }] },
        });
    }
    return out;
  },
};

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
