#!/usr/bin/env node
import { createAmberApp } from '../lib/amber-app';
import { hideAssetProgress } from '../lib/asset-progress';

hideAssetProgress();
// `npx cdk synth -c stage=prod`: see lib/amber-app.ts for the context the app reads.
createAmberApp();
