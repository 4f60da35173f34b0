// Privacy: a customer's data export and erasure, and each shop's data retention with its purge.
export { customerDataExport, type CustomerDataDocument, type DataExportFormat } from './export.service.ts';
export { customerDataPdf } from './export-pdf.ts';
export { eraseCustomer, type ErasureInput } from './erasure.service.ts';
export {
  getRetention,
  purgeExpiredData,
  setRetention,
  type RetentionInput,
  type RetentionView,
} from './retention.service.ts';
export { retentionProblem, RETENTION_KINDS, type RetentionKind } from './retention.rules.ts';
