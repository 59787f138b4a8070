#!/usr/bin/env node
require('../dist/publish.js');
