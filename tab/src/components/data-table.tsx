import type { ReactNode } from 'react';
import { useShared } from '../styles';
import { TableWrap } from './table-wrap';

/** `data-*` attributes: test ids and the values tests and scripts read off an element. */
export type DataAttributes = { readonly [name: `data-${string}`]: string | number | undefined };

/** One column of a {@link DataTable}: its header, and what each row puts in its cell. */
export interface Column<Row> {
  readonly header: string;
  readonly cell: (row: Row, index: number) => ReactNode;
  /** React's key for the column; the header serves unless two columns share one. */
  readonly key?: string;
  /** The cell names its row (`<th scope="row">`), so a screen reader announces it with every other cell. */
  readonly rowHeader?: boolean;
  readonly className?: string;
}

export interface DataTableProps<Row> {
  /** Names the scrolling region, which a keyboard user can focus to scroll a wide table. */
  readonly label: string;
  /** What the table holds, for screen readers; visually hidden, since the page around it already says so. */
  readonly caption: ReactNode;
  readonly columns: readonly Column<Row>[];
  readonly rows: readonly Row[];
  readonly rowKey: (row: Row, index: number) => string;
  readonly rowAttributes?: (row: Row, index: number) => DataAttributes;
  /** Shown instead of the table when there are no rows; without it an empty table is shown. */
  readonly empty?: ReactNode;
  /** The table's look: the shared one unless given. */
  readonly className?: string;
  readonly attributes?: DataAttributes & { readonly 'aria-describedby'?: string };
}

/**
 * The tab's tables, all written one way: a named region that scrolls sideways on a narrow screen, a caption,
 * a header row of column headers (`scope="col"`) and a row per item. Pages say what the columns are; the
 * markup that screen readers and the accessibility checks rely on is kept here.
 */
export function DataTable<Row>(props: DataTableProps<Row>) {
  const { columns, rows, rowKey, rowAttributes } = props;
  const shared = useShared();
  if (rows.length === 0 && props.empty !== undefined) return <>{props.empty}</>;
  return (
    <TableWrap label={props.label}>
      <table className={props.className ?? shared.table} {...props.attributes}>
        <caption className={shared.visuallyHidden}>{props.caption}</caption>
        <thead>
          <tr>
            {columns.map((c) => (
              <th key={c.key ?? c.header} scope="col">
                {c.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row, i) => (
            <tr key={rowKey(row, i)} {...rowAttributes?.(row, i)}>
              {columns.map((c) =>
                c.rowHeader ? (
                  <th key={c.key ?? c.header} scope="row" className={c.className}>
                    {c.cell(row, i)}
                  </th>
                ) : (
                  <td key={c.key ?? c.header} className={c.className}>
                    {c.cell(row, i)}
                  </td>
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </TableWrap>
  );
}
