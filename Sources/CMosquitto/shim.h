// Header-only shim for libmosquitto (Debian: libmosquitto-dev).
// It exists so that SwiftPM can import the system headers as one Clang module; the MQTT 5
// property and reason-code headers come with mosquitto.h, and KioskMQTT is the only importer.
#ifndef KIOSK_CMOSQUITTO_SHIM_H
#define KIOSK_CMOSQUITTO_SHIM_H

#include <mosquitto.h>
#include <mqtt_protocol.h>

#endif
