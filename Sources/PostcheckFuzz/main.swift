import Foundation
import PostcheckFuzzTargets

// Built only by scripts/fuzz.sh (POSTCHECK_FUZZ=1, -sanitize=fuzzer). Swift owns `main` here and hands the
// arguments to libFuzzer's driver; the target comes from POSTCHECK_FUZZ_TARGET because libFuzzer owns the arguments.

@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<CInt>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
) -> CInt

let name = ProcessInfo.processInfo.environment["POSTCHECK_FUZZ_TARGET"] ?? "draft"
guard let target = FuzzTarget(rawValue: name) else {
    FileHandle.standardError.write(
        Data(
            "unknown POSTCHECK_FUZZ_TARGET '\(name)' (one of: \(FuzzTarget.allCases.map(\.rawValue).joined(separator: ", ")))\n"
                .utf8))
    exit(2)
}
nonisolated(unsafe) var selected = target

/// The entry point libFuzzer's driver calls for every input.
@_cdecl("LLVMFuzzerTestOneInput")
func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    _ = FuzzTargets.run(selected, data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? [])
    return 0
}

var argc = CommandLine.argc
var argv = CommandLine.unsafeArgv
exit(LLVMFuzzerRunDriver(&argc, &argv, fuzzOneInput))
