// Header-only shim for libgpiod (Debian 12: 1.6.3, the v1 API; Debian 13 and Raspberry Pi OS
// trixie: 2.x, the v2 API). Every difference between the two APIs lives in this file, behind
// kiosk_gpio_* functions, so the Swift code in KioskGPIO never knows which one it was built with.
//
// What the Swift side needs is small: hold one line as an output (by offset or by line name, with
// active-low, under a consumer name), set its logical value, release it, and — when the request
// fails because the line is busy — say who holds it. Errors are returned as -1/NULL with errno
// set; `stage` says which step failed so the message can name the chip or the line.
#ifndef KIOSK_CGPIOD_SHIM_H
#define KIOSK_CGPIOD_SHIM_H

#include <errno.h>
#include <gpiod.h>
#include <stdlib.h>
#include <string.h>

// Only libgpiod 1.x defines GPIOD_LINE_BULK_MAX_LINES (line bulks are gone in v2). The v2
// header has no macro of its own to test: its GPIOD_LINE_VALUE_ACTIVE is an enum constant,
// invisible to #ifdef.
#ifdef GPIOD_LINE_BULK_MAX_LINES
#define KIOSK_GPIOD_API 1
#else
#define KIOSK_GPIOD_API 2
#endif

/// The libgpiod API generation this shim was compiled against (1 or 2).
static inline int kiosk_gpio_api(void) { return KIOSK_GPIOD_API; }

/// The version string of the libgpiod library actually loaded at run time.
static inline const char *kiosk_gpio_library_version(void) {
#if KIOSK_GPIOD_API == 2
    return gpiod_api_version();
#else
    return gpiod_version_string();
#endif
}

/// Which step of kiosk_gpio_request_output failed.
enum kiosk_gpio_stage {
    KIOSK_GPIO_STAGE_NONE = 0,
    /// Opening the chip's character device (ENOENT: no such chip; EACCES: permission).
    KIOSK_GPIO_STAGE_CHIP = 1,
    /// Finding the line by name (ENOENT) or by offset (EINVAL: beyond the chip's lines).
    KIOSK_GPIO_STAGE_LINE = 2,
    /// Requesting the line as an output (EBUSY: another consumer holds it).
    KIOSK_GPIO_STAGE_REQUEST = 3,
};

/// One output line held by this process: the chip stays open for the line's lifetime (v1 needs
/// it; v2 only for the consumer look-up), the request is what keeps the line.
struct kiosk_gpio_output {
    struct gpiod_chip *chip;
    unsigned int offset;
#if KIOSK_GPIOD_API == 2
    struct gpiod_line_request *request;
#else
    struct gpiod_line *line;
#endif
};

/// Finds a line by name on an open chip; returns its offset, or -1 with errno set (ENOENT).
static inline int kiosk_gpio_find_line(struct gpiod_chip *chip, const char *name) {
#if KIOSK_GPIOD_API == 2
    return gpiod_chip_get_line_offset_from_name(chip, name);
#else
    struct gpiod_line *line = gpiod_chip_find_line(chip, name);
    if (line == NULL) {
        if (errno == 0) errno = ENOENT;
        return -1;
    }
    return (int)gpiod_line_offset(line);
#endif
}

/// Opens the chip at `chip_path` (a /dev/gpiochipN path) and requests one line as an output
/// set to the logical `initial` value, active-low when asked, under `consumer`. The line is
/// `line_name` when not NULL (its offset is then stored in *offset), else *offset. Returns NULL
/// with errno and *stage set on failure.
static inline struct kiosk_gpio_output *kiosk_gpio_request_output(
    const char *chip_path, const char *line_name, unsigned int *offset_io, int active_low, int initial,
    const char *consumer, int *stage) {
    unsigned int offset = *offset_io;
    *stage = KIOSK_GPIO_STAGE_CHIP;
    struct gpiod_chip *chip = gpiod_chip_open(chip_path);
    if (chip == NULL) return NULL;
    if (line_name != NULL) {
        *stage = KIOSK_GPIO_STAGE_LINE;
        int found = kiosk_gpio_find_line(chip, line_name);
        if (found < 0) {
            int saved = errno;
            gpiod_chip_close(chip);
            errno = saved;
            return NULL;
        }
        offset = (unsigned int)found;
        *offset_io = offset;
    }
    struct kiosk_gpio_output *out = calloc(1, sizeof *out);
    if (out == NULL) {
        gpiod_chip_close(chip);
        errno = ENOMEM;
        return NULL;
    }
    out->chip = chip;
    out->offset = offset;
#if KIOSK_GPIOD_API == 2
    *stage = KIOSK_GPIO_STAGE_REQUEST;
    struct gpiod_line_settings *settings = gpiod_line_settings_new();
    struct gpiod_line_config *lines = gpiod_line_config_new();
    struct gpiod_request_config *request = gpiod_request_config_new();
    int ok = settings != NULL && lines != NULL && request != NULL;
    if (ok) {
        gpiod_line_settings_set_direction(settings, GPIOD_LINE_DIRECTION_OUTPUT);
        gpiod_line_settings_set_active_low(settings, active_low != 0);
        gpiod_line_settings_set_output_value(settings, initial ? GPIOD_LINE_VALUE_ACTIVE : GPIOD_LINE_VALUE_INACTIVE);
        gpiod_request_config_set_consumer(request, consumer);
        ok = gpiod_line_config_add_line_settings(lines, &offset, 1, settings) == 0;
    }
    if (ok) out->request = gpiod_chip_request_lines(chip, request, lines);
    int saved = ok ? errno : ENOMEM;
    gpiod_request_config_free(request);
    gpiod_line_config_free(lines);
    gpiod_line_settings_free(settings);
    if (out->request == NULL) {
        gpiod_chip_close(chip);
        free(out);
        errno = saved;
        return NULL;
    }
#else
    *stage = KIOSK_GPIO_STAGE_LINE;
    out->line = gpiod_chip_get_line(chip, offset);
    if (out->line != NULL) {
        *stage = KIOSK_GPIO_STAGE_REQUEST;
        int flags = active_low ? GPIOD_LINE_REQUEST_FLAG_ACTIVE_LOW : 0;
        if (gpiod_line_request_output_flags(out->line, consumer, flags, initial ? 1 : 0) < 0) out->line = NULL;
    }
    if (out->line == NULL) {
        int saved = errno;
        gpiod_chip_close(chip);
        free(out);
        errno = saved;
        return NULL;
    }
#endif
    *stage = KIOSK_GPIO_STAGE_NONE;
    return out;
}

/// The line's offset on its chip (resolved from the name when requested by name).
static inline unsigned int kiosk_gpio_output_offset(const struct kiosk_gpio_output *out) { return out->offset; }

/// Sets the logical value (1 = LED lit; active-low is applied by the kernel). 0 or -1 with errno.
static inline int kiosk_gpio_set(struct kiosk_gpio_output *out, int value) {
#if KIOSK_GPIOD_API == 2
    return gpiod_line_request_set_value(out->request, out->offset, value ? GPIOD_LINE_VALUE_ACTIVE : GPIOD_LINE_VALUE_INACTIVE);
#else
    return gpiod_line_set_value(out->line, value ? 1 : 0);
#endif
}

/// Releases the line (the kernel then keeps or resets its level, as the driver decides) and
/// closes the chip. `out` is freed.
static inline void kiosk_gpio_release(struct kiosk_gpio_output *out) {
#if KIOSK_GPIOD_API == 2
    gpiod_line_request_release(out->request);
#else
    gpiod_line_release(out->line);
#endif
    gpiod_chip_close(out->chip);
    free(out);
}

/// Copies the consumer name of a line (who holds it) into `buffer`; returns 1 when the line is
/// used and named, 0 otherwise. Used only to word a "line busy" error.
static inline int kiosk_gpio_line_consumer(const char *chip_path, unsigned int offset, char *buffer, size_t size) {
    if (size == 0) return 0;
    buffer[0] = '\0';
    struct gpiod_chip *chip = gpiod_chip_open(chip_path);
    if (chip == NULL) return 0;
    const char *name = NULL;
#if KIOSK_GPIOD_API == 2
    struct gpiod_line_info *info = gpiod_chip_get_line_info(chip, offset);
    if (info != NULL && gpiod_line_info_is_used(info)) name = gpiod_line_info_get_consumer(info);
    if (name != NULL) strncpy(buffer, name, size - 1);
    if (info != NULL) gpiod_line_info_free(info);
#else
    struct gpiod_line *line = gpiod_chip_get_line(chip, offset);
    if (line != NULL && gpiod_line_is_used(line)) name = gpiod_line_consumer(line);
    if (name != NULL) strncpy(buffer, name, size - 1);
#endif
    buffer[size - 1] = '\0';
    gpiod_chip_close(chip);
    return buffer[0] != '\0';
}

#endif
