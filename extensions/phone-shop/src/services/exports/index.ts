// Exports: every report and every list as CSV, XLSX, PDF or JSON, streamed. Reports and lists build
// a Table (table.ts); the exporters only render it; sendExport answers it as a download.
export type { Cell, Column, ColumnType, ExportFormat, ExportMeta, Row, Table } from './table.ts';
export { EXPORT_FORMATS } from './table.ts';
export { sendExport, contentDisposition, EXPORTERS, type Exporter, type ExportLogger } from './send.ts';
export { exportMeta, metaForShop, type MetaInput } from './meta.ts';
export { cursorRows } from './cursor.ts';
export { prepareListExport, type PreparedExport } from './list-export.ts';
export { EXPORT_LISTS, EXPORT_LIST_NAMES, type ExportListName } from './lists/index.ts';
