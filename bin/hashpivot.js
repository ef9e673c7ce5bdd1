#!/usr/bin/env node
// CommonJS (bin/package.json says so): an ES module entry would cost Node's ESM loader at
// every start. The launcher evaluates the bundle through V8's code cache.
'use strict';
require('../dist/hashpivot.cjs').run();
