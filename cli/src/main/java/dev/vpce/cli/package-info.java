/**
 * The {@code vpce} command line ({@code vpce-cli}): {@code doctor}, which checks step by step how vpce would
 * route a host on this machine. Uses only vpce's public API.
 */
package dev.vpce.cli;
