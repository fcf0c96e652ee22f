#if canImport(Glibc)
import Glibc
#endif

exit(Kioskctl.main(Array(CommandLine.arguments.dropFirst())))
