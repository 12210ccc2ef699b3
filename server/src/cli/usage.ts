/** Thrown for a bad command line: printed with the usage hint, exit code 2. */
export class UsageError extends Error {}

/** The help text of `soapnote --help`. */
export const USAGE = `soapnote: check, render, sign and addend SOAP notes (*.soap.yaml)

Usage:
  soapnote check [PATH...] [--format stylish|json|sarif|github] [--max-warnings N] [--changed [REF]]
  soapnote render FILE --format html|md|fhir [--out FILE]
  soapnote sign FILE --by NAME [--at ISO-TIME]
  soapnote addend FILE --by NAME --text TEXT [--at ISO-TIME]
  soapnote new --template NAME --client ID [--date YYYY-MM-DD] [--therapist NAME] [--out FILE]
  soapnote history CLIENT [PATH] [--format text|html|json] [--out FILE]
  soapnote lsp --stdio | --node-ipc

Exit codes: 0 no errors (warnings within --max-warnings); 1 findings over the limit; 2 the run failed.
The workspace config is the nearest .soapnote/config.yaml at or above the working directory.
`;
