import { execFileSync, spawn } from 'node:child_process';

/** The built app served by `vite preview` on 127.0.0.1:`port`, for the browser benchmarks. */
export interface Preview {
  readonly url: string;
  stop(): void;
}

/**
 * Starts `vite preview` (in its own process group, so that stopping it stops npx's children too) and
 * waits until it answers; `outDir` serves another build (A/B runs).
 */
export async function startPreview(port: number, outDir?: string): Promise<Preview> {
  const dir = outDir ? ['--outDir', outDir] : [];
  const server = spawn('npx', ['vite', 'preview', ...dir, '--port', String(port), '--strictPort', '--host', '127.0.0.1'], { stdio: 'ignore', detached: true });
  const stop = () => {
    try {
      process.kill(-server.pid!, 'SIGTERM');
    } catch {
      /* already gone */
    }
  };
  const url = `http://127.0.0.1:${port}/`;
  for (let i = 0; ; i++) {
    try {
      execFileSync('curl', ['-sf', url], { stdio: 'ignore' });
      return { url, stop };
    } catch {
      if (i > 100) {
        stop();
        throw new Error('vite preview did not start');
      }
      await new Promise((r) => setTimeout(r, 200));
    }
  }
}
