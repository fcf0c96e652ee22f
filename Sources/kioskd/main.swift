#if canImport(Glibc)
import Glibc
#endif
import KioskDaemon

exit(KioskdCommandLine.main(CommandLine.arguments))
