/**
 * Test support that needs no node, shared by the gateway's and the bench modules' tests: headless Chromium. Support
 * that starts a node stays with the gateway's tests, which this module cannot depend on.
 */
package io.flashsale.testsupport;
