/**
 * A whole AWS PrivateLink world on loopback, for tests: {@link dev.vpce.testkit.LocalPrivateLink} runs an EC2
 * API emulator, IMDSv2 and ECS task metadata emulators, an authoritative DNS server for the endpoints' names
 * and one TCP front per endpoint and zone, each with faults that switch at run time.
 * {@link dev.vpce.testkit.LocalPrivateLinkExtension} gives JUnit 5 tests one world per class;
 * {@link dev.vpce.testkit.TlsServer} and {@link dev.vpce.testkit.EchoServer} are servers to put behind it.
 * Everything listens on 127.0.0.0/8 only. The kit does not depend on vpce itself.
 */
package dev.vpce.testkit;
