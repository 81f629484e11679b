import { ACTIVATION_LIST } from '../../core/catalog/activations';
import { ACTIVATION_PROPERTIES } from '../../core/catalog/activations/properties';

const yes = (b: boolean) => (b ? 'yes' : 'no');
const SATURATES = { both: 'both sides', negative: 'negative side', no: 'no' } as const;

/** Every catalog activation's properties, one row each, generated from core/catalog/activations/properties.ts. */
export function PropertiesTable({ highlight }: { highlight: readonly string[] }) {
  return (
    <div className="nl-explorer-table-wrap">
      <table className="nl-explorer-table" data-testid="explorer-properties">
        <caption>Properties at the default params</caption>
        <thead>
          <tr><th>function</th><th>output range</th><th>monotonic</th><th>smooth</th><th>zero-centred</th><th>saturates</th><th>trainable params</th><th>cost</th></tr>
        </thead>
        <tbody>
          {ACTIVATION_LIST.map((a) => {
            const p = ACTIVATION_PROPERTIES[a.fn];
            if (!p) return null;
            return (
              <tr key={a.fn} data-testid={`explorer-row-${a.fn}`} className={highlight.includes(a.fn) ? 'chosen' : ''}>
                <th scope="row">{a.title}</th>
                <td>{p.rangeText}</td>
                <td>{yes(p.monotonic)}</td>
                <td>{yes(p.smooth)}</td>
                <td>{yes(p.zeroCentred)}</td>
                <td>{SATURATES[p.saturates]}</td>
                <td>{yes(p.trainable)}</td>
                <td>{p.cost}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
