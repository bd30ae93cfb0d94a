// Where async code runs. The `guild` executable makes NIO's event loops Swift's global executor (entrypoint), so a
// request's tasks, its database futures and its response share the same few threads with no hop between them. Two
// executors refine that: a write transaction stays on its connection's event loop, and long CPU work (building the
// search index) runs on the thread pool, never on an event loop whose connections would wait for it.
import Vapor

/// Runs a task's jobs on one NIO event loop (Swift's task executor preference). Database futures complete on
/// their event loop; code that awaits many of them in a row then continues right there instead of being
/// scheduled onto whichever thread the global executor picks after each one (measured in the order benchmark on
/// SQLite: about a tenth less server CPU a flow). Only for code that never blocks: Bcrypt and SQLite already run on
/// the thread pool.
final class EventLoopTaskExecutor: TaskExecutor, @unchecked Sendable {
    let eventLoop: any EventLoop

    init(_ eventLoop: any EventLoop) { self.eventLoop = eventLoop }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        eventLoop.execute { job.runSynchronously(on: self.asUnownedTaskExecutor()) }
    }
}

/// Runs a task's jobs on NIO's blocking thread pool: for work that holds a thread for long stretches (loading the
/// whole search index: seconds at a million gigs), which on an event loop would stall every connection of that loop.
/// Jobs run even if the pool is shutting down: a task must always finish.
final class ThreadPoolTaskExecutor: TaskExecutor, @unchecked Sendable {
    static let shared = ThreadPoolTaskExecutor(NIOThreadPool.singleton)

    let pool: NIOThreadPool

    init(_ pool: NIOThreadPool) { self.pool = pool }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        pool.submit { _ in job.runSynchronously(on: self.asUnownedTaskExecutor()) }
    }

    /// Runs `body` on the thread pool.
    static func run<T: Sendable>(_ body: () async throws -> T) async throws -> T {
        try await withTaskExecutorPreference(shared) { try await body() }
    }
}
