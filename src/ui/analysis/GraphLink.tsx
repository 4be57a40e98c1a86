import type { ReactNode } from 'react';
import type { SearchTerm } from '../../core/case/views';
import { useT } from '../i18n/i18n';
import { formatRoute, graphSearch } from '../shell/params';
import type { ViewId, ViewProps } from '../shell/view-props';

/**
 * A link into another view of the case: a real href (open in a new tab, copy the link) that,
 * clicked plainly, goes through the shell's navigate (one history entry).
 */
export function ViewLink({ props, view, params, children, title, testId }: { props: ViewProps; view: ViewId; params: Record<string, string>; children: ReactNode; title?: string; testId?: string }) {
  return (
    <a
      href={formatRoute({ caseId: props.caseId, view, params })}
      title={title}
      data-testid={testId}
      onClick={(e) => {
        if (e.button !== 0 || e.ctrlKey || e.metaKey || e.shiftKey || e.altKey) return;
        e.preventDefault();
        props.navigate({ view, params });
      }}
    >
      {children}
    </a>
  );
}

/** A name that opens the graph searching for it (`search=account:NAME`, see shell/params.ts). */
export function GraphLink({ props, field, name, testId }: { props: ViewProps; field: SearchTerm['field']; name: string; testId?: string }) {
  const t = useT();
  return (
    <ViewLink props={props} view="graph" params={graphSearch(field, name)} title={t("common.showInGraph", { name })} testId={testId}>
      {name}
    </ViewLink>
  );
}
