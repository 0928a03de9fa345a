//===- LayerInfo.h - what one layer of the fused graph computes -*- C++ -*-===//
//
// One description of a layer (an operation of the fused mnc graph), shared by
// everything that lists layers: instrument-layers records it in the module
// attribute the generated header's layer tables come from, and
// `mnc-compile --report` prints it. Both read it from here, so the two lists
// cannot disagree about a layer's kind, shape or multiply-accumulates.
//
//===----------------------------------------------------------------------===//

#ifndef MNC_PASSES_LAYERINFO_H
#define MNC_PASSES_LAYERINFO_H

#include "mlir/IR/Operation.h"

#include <string>

namespace mnc {

struct LayerInfo {
  std::string node;        ///< the ONNX node it came from
  std::string op;          ///< the mnc op without its dialect: conv2d, ...
  std::string kind;        ///< what its speed depends on: "pointwise",
                           ///< "depthwise 3x3 s2", "conv 3x3 s1 d12",
                           ///< "transposed 2x2 s2", "max pool 3x3 s2",
                           ///< "resize bilinear", "fully connected", ...
  std::string inputShapes; ///< of its non-constant operands: "1x16x56x56,..."
  std::string shape;       ///< of its result: "1x16x112x112"
  std::string activation;  ///< fused activation(s), or "-"
  int64_t macs = 0;        ///< multiply-accumulates of a convolution or
                           ///< matrix product (what the FMA units do)
  int64_t bytes = 0;       ///< bytes of the activations it reads and writes:
                           ///< the cost of pooling, resizing, concatenation
                           ///< and other layers that move more than compute
  int64_t weightBytes = 0; ///< bytes of its constant operands' weights
};

/// Whether `op` is a layer: an mnc operation with one result.
bool isLayer(mlir::Operation *op);

/// Describes `op`, a layer.
LayerInfo describeLayer(mlir::Operation *op);

/// "1x16x112x112" for a ranked shaped type, "?" otherwise.
std::string formatShape(mlir::Type type);

} // namespace mnc

#endif // MNC_PASSES_LAYERINFO_H
