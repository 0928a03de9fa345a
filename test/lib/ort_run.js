#!/usr/bin/env node
// Runs an ONNX model with onnxruntime-node (the reference / peer runtime for mnc's tests and
// benchmarks) and writes the model's output as raw little-endian float32.
//
//   node test/lib/ort_run.js MODEL.onnx --input IN.bin --output OUT.bin
//        [--shape 1x3x224x224] [--threads 1] [--opt all]
//   node test/lib/ort_run.js MODEL.onnx --bench N [--warmup W] [--input IN.bin] [--threads 1]
//
// IN.bin: raw little-endian float32 in the shape of the model's (single) input. The shape is
// read from the session's metadata; --shape overrides it and is needed when the model's input
// has more than one symbolic dimension (a single symbolic dimension is inferred from the file
// size). OUT.bin receives the outputs as raw float32, one after the other in the graph's order.
// --bench N: runs W warmup runs (default max(5, N/10)), then N timed runs, and prints one line
//   "bench: runs=N threads=T opt=O min_ms=X median_ms=Y mean_ms=Z"
//   Without --input the input is seeded uniform random in [-1, 1).
// --threads: intra-op threads (default 1; inter-op threads is always 1, sequential execution).
// --opt: graph optimization level: disabled | basic | extended | layout | all (default all).
// onnxruntime-node is loaded from <repo>/.deps/ort/node_modules (installed by
// tools/scripts/setup.sh); this script lives in <repo>/test/lib.
'use strict';

const fs = require('fs');
const os = require('os');
const path = require('path');

const REPO = path.resolve(__dirname, '..', '..');
const ORT_PATH = path.join(REPO, '.deps', 'ort', 'node_modules', 'onnxruntime-node');
const OPT_LEVELS = ['disabled', 'basic', 'extended', 'layout', 'all'];

function die(msg) {
  process.stderr.write(`ort_run: error: ${msg}\n`);
  process.exit(1);
}

function usage() {
  return (
    'usage: node ort_run.js MODEL.onnx --input IN.bin --output OUT.bin [--shape AxBxC] ' +
    '[--threads N] [--opt LEVEL]\n' +
    '       node ort_run.js MODEL.onnx --bench N [--warmup W] [--input IN.bin] [--shape AxBxC] ' +
    '[--threads N] [--opt LEVEL]\n'
  );
}

function parseArgs(argv) {
  const a = { threads: 1, opt: 'all', bench: 0, warmup: -1 };
  const positional = [];
  for (let i = 0; i < argv.length; ++i) {
    const arg = argv[i];
    if (arg === '-h' || arg === '--help') {
      process.stdout.write(usage());
      process.exit(0);
    }
    if (!arg.startsWith('--')) {
      positional.push(arg);
      continue;
    }
    let key = arg.slice(2);
    let val;
    const eq = key.indexOf('=');
    if (eq >= 0) {
      val = key.slice(eq + 1);
      key = key.slice(0, eq);
    } else {
      if (i + 1 >= argv.length) die(`${arg} needs a value\n${usage()}`);
      val = argv[++i];
    }
    switch (key) {
      case 'input':
      case 'output':
      case 'shape':
      case 'opt':
        a[key] = val;
        break;
      case 'threads':
      case 'bench':
      case 'warmup': {
        const n = Number(val);
        if (!Number.isInteger(n) || n < 0) die(`--${key} needs a non-negative integer, got '${val}'`);
        a[key] = n;
        break;
      }
      default:
        die(`unknown option ${arg}\n${usage()}`);
    }
  }
  if (positional.length !== 1) die(`expected exactly one model path\n${usage()}`);
  a.model = positional[0];
  if (!OPT_LEVELS.includes(a.opt)) die(`--opt must be one of ${OPT_LEVELS.join(', ')}`);
  if (a.bench === 0) {
    if (!a.input) die(`--input is required (unless --bench)\n${usage()}`);
    if (!a.output) die(`--output is required (unless --bench)\n${usage()}`);
  }
  return a;
}

function parseShape(s) {
  const dims = s.split(/[x,]/).map(Number);
  if (dims.length === 0 || dims.some((d) => !Number.isInteger(d) || d < 0)) die(`bad --shape '${s}'`);
  return dims;
}

// Resolves the concrete input shape from --shape, the model metadata and the file size.
function inputShape(meta, shapeArg, numElems) {
  if (shapeArg) return parseShape(shapeArg);
  if (!meta || !Array.isArray(meta.shape)) {
    die("the model's input shape is not available from the session metadata: pass --shape");
  }
  const dims = meta.shape;
  const symbolic = dims.map((d, i) => (typeof d === 'number' && d >= 0 ? -1 : i)).filter((i) => i >= 0);
  if (symbolic.length === 0) return dims.slice();
  if (symbolic.length === 1 && numElems !== undefined) {
    const known = dims.reduce((p, d) => (typeof d === 'number' ? p * d : p), 1);
    if (known > 0 && numElems % known === 0) {
      const out = dims.slice();
      out[symbolic[0]] = numElems / known;
      return out;
    }
  }
  if (symbolic.length === 1 && numElems === undefined) {
    const out = dims.slice();
    out[symbolic[0]] = 1; // bench without input: symbolic (batch) dimension = 1
    return out;
  }
  die(`input '${meta.name}' has symbolic dimensions [${dims.join(', ')}]: pass --shape`);
}

function readFloat32(file) {
  let buf;
  try {
    buf = fs.readFileSync(file);
  } catch (e) {
    die(`cannot read input ${file}: ${e.message}`);
  }
  if (buf.length % 4 !== 0) die(`${file}: size ${buf.length} is not a multiple of 4 (float32)`);
  // Copy: a small Buffer may sit at an unaligned offset in Node's shared pool.
  const f = new Float32Array(buf.length / 4);
  new Uint8Array(f.buffer).set(buf);
  return f;
}

// Seeded uniform [-1, 1) data for --bench without --input (mulberry32).
function randomFloat32(n, seed) {
  let s = seed >>> 0;
  const f = new Float32Array(n);
  for (let i = 0; i < n; ++i) {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    f[i] = (((t ^ (t >>> 14)) >>> 0) / 4294967296) * 2 - 1;
  }
  return f;
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  if (os.endianness() !== 'LE') die('this script assumes a little-endian host');
  if (!fs.existsSync(args.model)) die(`model not found: ${args.model}`);

  let ort;
  try {
    ort = require(ORT_PATH);
  } catch (e) {
    die(`cannot load onnxruntime-node from ${ORT_PATH} (run tools/scripts/setup.sh): ${e.message}`);
  }

  let session;
  try {
    session = await ort.InferenceSession.create(args.model, {
      intraOpNumThreads: args.threads,
      interOpNumThreads: 1,
      executionMode: 'sequential',
      graphOptimizationLevel: args.opt,
    });
  } catch (e) {
    die(`onnxruntime could not load ${args.model}: ${e.message}`);
  }

  if (session.inputNames.length !== 1) {
    die(`model has ${session.inputNames.length} inputs (${session.inputNames.join(', ')}); exactly one is supported`);
  }
  const inName = session.inputNames[0];
  const inMeta = session.inputMetadata ? session.inputMetadata[0] : undefined;
  if (inMeta && inMeta.isTensor === false) die(`input '${inName}' is not a tensor`);
  if (inMeta && inMeta.type !== undefined && inMeta.type !== 'float32') {
    die(`input '${inName}' has type ${inMeta.type}; only float32 is supported`);
  }
  session.outputNames.forEach((outName, i) => {
    const outMeta = session.outputMetadata ? session.outputMetadata[i] : undefined;
    if (outMeta && outMeta.type !== undefined && outMeta.type !== 'float32') {
      die(`output '${outName}' has type ${outMeta.type}; only float32 is supported`);
    }
  });

  let data;
  let shape;
  if (args.input) {
    data = readFloat32(args.input);
    shape = inputShape(inMeta, args.shape, data.length);
  } else {
    shape = inputShape(inMeta, args.shape, undefined);
    data = randomFloat32(shape.reduce((p, d) => p * d, 1), 0);
  }
  const count = shape.reduce((p, d) => p * d, 1);
  if (count !== data.length) {
    die(`input has ${data.length} floats but shape [${shape.join('x')}] needs ${count}`);
  }
  if (args.shape && inMeta && Array.isArray(inMeta.shape)) {
    const ok =
      inMeta.shape.length === shape.length &&
      inMeta.shape.every((d, i) => typeof d !== 'number' || d === shape[i]);
    if (!ok) die(`--shape ${shape.join('x')} does not match the model's input [${inMeta.shape.join(', ')}]`);
  }
  const feeds = { [inName]: new ort.Tensor('float32', data, shape) };

  const runOnce = () => session.run(feeds);

  let results;
  try {
    results = await runOnce();
  } catch (e) {
    die(`inference failed: ${e.message}`);
  }
  const outs = session.outputNames.map((outName) => {
    const out = results[outName];
    if (out.type !== 'float32') die(`output '${outName}' has type ${out.type}; only float32 is supported`);
    return out;
  });

  if (args.output) {
    fs.writeFileSync(args.output, Buffer.concat(
        outs.map((out) => Buffer.from(out.data.buffer, out.data.byteOffset, out.data.byteLength))));
  }

  if (args.bench > 0) {
    const warmup = args.warmup >= 0 ? args.warmup : Math.max(5, Math.floor(args.bench / 10));
    for (let i = 0; i < warmup; ++i) await runOnce();
    const times = [];
    for (let i = 0; i < args.bench; ++i) {
      const t0 = process.hrtime.bigint();
      await runOnce();
      times.push(Number(process.hrtime.bigint() - t0) / 1e6);
    }
    times.sort((x, y) => x - y);
    const n = times.length;
    const median = n % 2 ? times[(n - 1) / 2] : (times[n / 2 - 1] + times[n / 2]) / 2;
    const mean = times.reduce((p, t) => p + t, 0) / n;
    console.log(
      `bench: runs=${n} threads=${args.threads} opt=${args.opt} ` +
        `min_ms=${times[0].toFixed(3)} median_ms=${median.toFixed(3)} mean_ms=${mean.toFixed(3)}`,
    );
  }
  await session.release();
}

main().catch((e) => die(e && e.stack ? e.stack : String(e)));
