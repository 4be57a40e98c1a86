import { Component, type ReactNode } from 'react';

/**
 * Keeps one failing view (a chunk that did not load, a render error) from blanking the whole page:
 * the tab bar stays usable and the message says what failed.
 */
export class ErrorBoundary extends Component<{ fallback(message: string): ReactNode; children: ReactNode }, { error: string | null }> {
  override state = { error: null as string | null };
  static getDerivedStateFromError(e: unknown) {
    return { error: e instanceof Error ? e.message : String(e) };
  }
  override render() {
    return this.state.error === null ? this.props.children : this.props.fallback(this.state.error);
  }
}
