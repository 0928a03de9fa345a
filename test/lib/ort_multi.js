#!/usr/bin/env node
// Runs an ONNX model of any number of float32 inputs and outputs with onnxruntime-node and
// writes every output as raw little-endian float32 (the reference of the multi-input,
// multi-output tests; ort_run.js serves the one-input, one-output models and the benchmarks).
//
//   node test/lib/ort_multi.js MODEL.onnx OUTDIR NAME=SHAPE=IN.bin ...
//
// Each input is given as its ONNX name, its shape (AxBxC) and a raw float32 file. Writes
// OUTDIR/output_K.bin for the K-th graph output and prints one line per output:
// "output K NAME SHAPE". onnxruntime-node is loaded from <repo>/.deps/ort/node_modules.
'use strict';

const fs = require('fs');
const path = require('path');

const REPO = path.resolve(__dirname, '..', '..');
const ORT_PATH = path.join(REPO, '.deps', 'ort', 'node_modules', 'onnxruntime-node');

function die(msg) {
  process.stderr.write(`ort_multi: error: ${msg}\n`);
  process.exit(1);
}

async function main() {
  const [model, outDir, ...specs] = process.argv.slice(2);
  if (!model || !outDir) die('usage: ort_multi.js MODEL.onnx OUTDIR NAME=SHAPE=IN.bin ...');
  let ort;
  try {
    ort = require(ORT_PATH);
  } catch (e) {
    die(`cannot load onnxruntime-node from ${ORT_PATH} (run tools/scripts/setup.sh): ${e.message}`);
  }
  const feeds = {};
  for (const spec of specs) {
    const parts = spec.split('=');
    if (parts.length < 3) die(`input '${spec}' is not NAME=SHAPE=FILE`);
    const file = parts.pop();
    const shape = parts.pop().split('x').map(Number);
    const name = parts.join('=');
    const bytes = fs.readFileSync(file);
    const data = new Float32Array(bytes.buffer, bytes.byteOffset, bytes.length / 4);
    feeds[name] = new ort.Tensor('float32', Float32Array.from(data), shape);
  }
  let session;
  try {
    session = await ort.InferenceSession.create(model, {
      intraOpNumThreads: 1,
      interOpNumThreads: 1,
      executionMode: 'sequential',
    });
  } catch (e) {
    die(`onnxruntime could not load ${model}: ${e.message}`);
  }
  let results;
  try {
    results = await session.run(feeds);
  } catch (e) {
    die(`inference failed: ${e.message}`);
  }
  fs.mkdirSync(outDir, { recursive: true });
  session.outputNames.forEach((name, index) => {
    const tensor = results[name];
    if (tensor.type !== 'float32') die(`output '${name}' has type ${tensor.type}`);
    const data = tensor.data;
    fs.writeFileSync(path.join(outDir, `output_${index}.bin`),
                     Buffer.from(data.buffer, data.byteOffset, data.byteLength));
    process.stdout.write(`output ${index} ${name} ${tensor.dims.join('x')}\n`);
  });
}

main();
