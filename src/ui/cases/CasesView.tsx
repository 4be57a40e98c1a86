import { caseClient } from './case-client';
import { CasesPanel } from './CasesPanel';

/** The Cases view; the case worker starts the first time it is shown. */
export function CasesView() {
  return <CasesPanel client={caseClient()} />;
}
