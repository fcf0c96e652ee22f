// Header-only shim for libgpiod (Debian 12: 1.6.3, the v1 API; Debian 13 and Raspberry Pi OS
// trixie: 2.x, the v2 API). Every difference between the two APIs lives in this file, behind
// kiosk_gpio_* functions, so the Swift code in KioskGPIO never knows which one it was built with.
#ifndef KIOSK_CGPIOD_SHIM_H
#define KIOSK_CGPIOD_SHIM_H

#include <gpiod.h>

// libgpiod v2 defines GPIOD_LINE_VALUE_ACTIVE; v1 does not.
#ifdef GPIOD_LINE_VALUE_ACTIVE
#define KIOSK_GPIOD_API 2
#else
#define KIOSK_GPIOD_API 1
#endif

/// The libgpiod API generation this shim was compiled against (1 or 2).
static inline int kiosk_gpio_api(void) { return KIOSK_GPIOD_API; }

/// The version string of the libgpiod library actually loaded at run time.
static inline const char *kiosk_gpio_library_version(void) { return gpiod_version_string(); }

#endif
