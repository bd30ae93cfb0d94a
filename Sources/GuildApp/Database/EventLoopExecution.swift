// Where a write transaction's async code runs: on the event loop that owns its connection.
import Vapor

/// Runs a task's jobs on one NIO event loop (Swift's task executor preference). Database futures complete on
/// their event loop; code that awaits many of them in a row then continues right there instead of being
/// scheduled onto the global executor's threads after each one (measured in the order benchmark on SQLite:
/// about a tenth less server CPU a flow; running whole requests this way measured no better, so only
/// `WriteTransaction` uses it). Only for code that never blocks: Bcrypt and SQLite already run on the
/// thread pool.
final class EventLoopTaskExecutor: TaskExecutor, @unchecked Sendable {
    let eventLoop: any EventLoop

    init(_ eventLoop: any EventLoop) { self.eventLoop = eventLoop }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        eventLoop.execute { job.runSynchronously(on: self.asUnownedTaskExecutor()) }
    }
}

