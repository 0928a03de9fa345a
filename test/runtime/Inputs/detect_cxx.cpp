// mnc_detect.h from C++ (test/runtime/detect.test): the header compiles, its
// functions link against the C object, the macro agrees with the function.
#include "mnc_detect.h"

int main() {
  mnc_detect_params params;
  mnc_detect_params_ssdlite320(&params);
  return mnc_detect_scratch_size(&params) ==
                 MNC_DETECT_SCRATCH_SIZE(MNC_DETECT_SSDLITE320_ANCHORS,
                                         MNC_DETECT_SSDLITE320_CLASSES, 300)
             ? 0
             : 1;
}
