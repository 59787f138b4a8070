#!/usr/bin/env node
require('../dist/import.js');
