/**
 * OkHttp 5 (optional dependency, {@code okhttp-jvm}): {@link dev.vpce.http.okhttp.PrivateLinkOkHttp} configures
 * an {@code OkHttpClient.Builder} with the route as its {@code Dns}, an event listener that reports connect
 * outcomes, and a socket factory with the adaptive connect deadline.
 */
package dev.vpce.http.okhttp;
