//===- Activations.cpp - the semantics of the activation kinds ------------===//
//
// Everything the dialect knows about an activation kind: whether it takes
// parameters, what it computes on one value (for constant folding and
// checks), how the attribute reads and prints, and which kind each
// standalone activation operation applies. A new kind touches this file and
// MncActivationOps.td only.
//
//===----------------------------------------------------------------------===//

#include "dialects/MncDialect.h"
#include "dialects/MncOps.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/DialectImplementation.h"

#include <algorithm>
#include <cmath>

using namespace mlir;
using namespace mnc;

//===----------------------------------------------------------------------===//
// ActivationAttr
//===----------------------------------------------------------------------===//

bool ActivationAttr::hasParameters(ActivationKind kind) {
  return kind == ActivationKind::Clip || kind == ActivationKind::HardSigmoid ||
         kind == ActivationKind::HardSwish || kind == ActivationKind::LeakyRelu;
}

LogicalResult
ActivationAttr::verify(function_ref<InFlightDiagnostic()> emitError,
                       ActivationKind kind, APFloat alpha, APFloat beta) {
  if (&alpha.getSemantics() != &APFloat::IEEEsingle() ||
      &beta.getSemantics() != &APFloat::IEEEsingle())
    return emitError() << "activation parameters must be f32";
  if (!hasParameters(kind) && (!alpha.isZero() || !beta.isZero()))
    return emitError() << "activation '" << stringifyActivationKind(kind)
                       << "' takes no parameters";
  if (kind == ActivationKind::Clip &&
      alpha.compare(beta) == APFloat::cmpGreaterThan)
    return emitError() << "clip minimum " << alpha.convertToFloat()
                       << " exceeds its maximum " << beta.convertToFloat();
  if (kind == ActivationKind::LeakyRelu && !beta.isZero())
    return emitError() << "activation 'leaky_relu' takes alpha only (its "
                          "second parameter must be 0)";
  return success();
}

float ActivationAttr::apply(float x) const {
  float alpha = getAlphaValue(), beta = getBetaValue();
  switch (getKind()) {
  case ActivationKind::None:
    return x;
  case ActivationKind::Relu:
    return std::max(x, 0.0f);
  case ActivationKind::Clip:
    return std::min(std::max(x, alpha), beta);
  case ActivationKind::HardSigmoid:
    return std::max(0.0f, std::min(1.0f, alpha * x + beta));
  case ActivationKind::HardSwish:
    return x * std::max(0.0f, std::min(1.0f, alpha * x + beta));
  case ActivationKind::Sigmoid:
    return 1.0f / (1.0f + std::exp(-x));
  case ActivationKind::LeakyRelu:
    return x >= 0.0f ? x : alpha * x;
  }
  llvm_unreachable("unknown activation kind");
}

/// `<kind>` or `<kind, alpha, beta>` for the kinds with parameters.
Attribute ActivationAttr::parse(AsmParser &parser, Type) {
  std::string keyword;
  SMLoc loc = parser.getCurrentLocation();
  if (parser.parseLess() || parser.parseKeywordOrString(&keyword))
    return {};
  std::optional<ActivationKind> kind = symbolizeActivationKind(keyword);
  if (!kind) {
    parser.emitError(loc) << "unknown activation '" << keyword << "'";
    return {};
  }
  // Parameters parse for every kind so that the verifier, not the parser,
  // explains which kinds take none.
  APFloat alpha(0.0f), beta(0.0f);
  if (succeeded(parser.parseOptionalComma())) {
    if (parser.parseFloat(APFloat::IEEEsingle(), alpha) ||
        parser.parseComma() || parser.parseFloat(APFloat::IEEEsingle(), beta))
      return {};
  } else if (hasParameters(*kind)) {
    parser.emitError(parser.getCurrentLocation())
        << "activation '" << keyword << "' needs its two parameters";
    return {};
  }
  if (parser.parseGreater())
    return {};
  return parser.getChecked<ActivationAttr>(loc, parser.getContext(), *kind,
                                           alpha, beta);
}

void ActivationAttr::print(AsmPrinter &printer) const {
  printer << '<' << stringifyActivationKind(getKind());
  if (hasParameters(getKind())) {
    printer << ", ";
    printer.printFloat(getAlpha());
    printer << ", ";
    printer.printFloat(getBeta());
  }
  printer << '>';
}

//===----------------------------------------------------------------------===//
// Activations
//===----------------------------------------------------------------------===//

ActivationAttr ReluOp::getActivation() {
  return ActivationAttr::get(getContext(), ActivationKind::Relu);
}

ActivationAttr ClipOp::getActivation() {
  return ActivationAttr::get(getContext(), ActivationKind::Clip,
                             getMin().convertToFloat(),
                             getMax().convertToFloat());
}

LogicalResult ClipOp::verify() {
  if (getMin().compare(getMax()) == APFloat::cmpGreaterThan)
    return emitOpError() << "min " << getMin().convertToFloat()
                         << " exceeds max " << getMax().convertToFloat();
  return success();
}

ActivationAttr HardSigmoidOp::getActivation() {
  return ActivationAttr::get(getContext(), ActivationKind::HardSigmoid,
                             getAlpha().convertToFloat(),
                             getBeta().convertToFloat());
}

ActivationAttr HardSwishOp::getActivation() {
  return ActivationAttr::get(getContext(), ActivationKind::HardSwish,
                             getAlpha().convertToFloat(),
                             getBeta().convertToFloat());
}

ActivationAttr SigmoidOp::getActivation() {
  return ActivationAttr::get(getContext(), ActivationKind::Sigmoid);
}

ActivationAttr LeakyReluOp::getActivation() {
  return ActivationAttr::get(getContext(), ActivationKind::LeakyRelu,
                             getAlpha().convertToFloat());
}
