"""Hardware adapters: scanners, label printers, scales. Imports only station ports/errors/clock/domain."""
