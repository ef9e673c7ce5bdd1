#!/usr/bin/env node
import '../dist/hashpivot.js';
