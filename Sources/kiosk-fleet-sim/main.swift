#if canImport(Glibc)
import Glibc
#endif

exit(FleetSimulation.main(Array(CommandLine.arguments.dropFirst())))
