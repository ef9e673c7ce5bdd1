#!/usr/bin/env node
import { run } from '../dist/hashpivot.js';

await run();
