#!/usr/bin/env node
// The `provision` command. The sources are TypeScript run through tsx, so a fresh clone needs
// only `npm install`: there is no build step to forget.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/main.ts');
