import { TrainingSession } from './core/session/session';
import { loadExample } from './test/helpers/examples';
import { createNodeResources } from './cli/resources';
import { parseGraphObject } from './core/graph/io';
async function run(name: string, graph: any, epochs: number, tweak?: (s: TrainingSession) => void) {
  const s = await TrainingSession.create(graph, { resources: createNodeResources('.'), epochs, statsEvery: 1, gridSize: 0, batchEvents: false, sliceMs: 1000 });
  tweak?.(s);
  const out: string[] = [];
  s.on((e) => { if (e.type === 'diagnostic') out.push(`${e.epoch} ${e.rule} ${e.node}`); if (e.type === 'error') out.push('ERR ' + e.message); if (e.type==='layerStats' && name==='deep') { const n = e.nodes.filter(x=>x.gradNorms.W!==undefined).map(x=>x.gradNorms.W!.toExponential(1)); if (e.epoch<4) out.push(n.join(' ')); } });
  const st = await s.start();
  console.log(name, st, out);
}
const g = (o: any) => { const r = parseGraphObject(o); if (!r.ok) throw new Error(JSON.stringify(r.problems)); return r.graph; };
const chain = (layers: any[], loss: any, training: any) => {
  const nodes = [['in','Input',{}], ...layers, ['loss','Loss',loss]];
  return g({ format:'netloom-graph', version:1, name:'t', nodes: nodes.map(([id,type,params])=>({id,type,params})), edges: nodes.slice(1).map(([id],i)=>({id:'e'+i, source: nodes[i][0], target: id})), training: { dataset:{name:'xor',samples:200}, optimizer:{type:'sgd',lr:0.1}, batchSize:10, epochs:5, seed:1, ...training } });
};
await run('xor', loadExample('xor-mlp'), 30);
await run('deep', loadExample('deep-sigmoid'), 6);
await run('linear', loadExample('linear-only-xor'), 30);
for (const lr of [0.07, 0.08, 0.085, 0.09]) await run('plane'+lr, chain([['d','Dense',{units:1}]], {fn:'mse'}, {dataset:{name:'plane',samples:320}, optimizer:{type:'sgd',lr}}), 30);
await run('dead', chain([['d1','Dense',{units:8}],['a1','Activation',{fn:'relu'}],['d2','Dense',{units:1}],['out','Activation',{fn:'sigmoid'}]], {fn:'bce'}, {}), 3, (s) => { const i = s.plan.params.findIndex(p=>p.node==='d1'&&p.name==='b'); s.trainer.exec.params[i]!.fill(-100); });
await run('dead6', chain([['d1','Dense',{units:8}],['a1','Activation',{fn:'relu'}],['d2','Dense',{units:1}],['out','Activation',{fn:'sigmoid'}]], {fn:'bce'}, {}), 3, (s) => { const i = s.plan.params.findIndex(p=>p.node==='d1'&&p.name==='b'); s.trainer.exec.params[i]!.fill(-100, 0, 6); });
await run('sat', chain([['d1','Dense',{units:8}],['a1','Activation',{fn:'tanh'}],['d2','Dense',{units:1}],['out','Activation',{fn:'sigmoid'}]], {fn:'bce'}, {}), 3, (s) => { const i = s.plan.params.findIndex(p=>p.node==='d1'&&p.name==='W'); const w = s.trainer.exec.params[i]!; for (let k=0;k<w.length;k++) w[k]*=50; });
