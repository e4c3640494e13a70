#!/usr/bin/env node
// `npx qalam …`: runs the TypeScript CLI through tsx, so there is no separate build step for it.
import { register } from 'tsx/esm/api';

register();
await import('../src-main/cli.ts');
