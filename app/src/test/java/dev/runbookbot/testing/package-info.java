/**
 * Test doubles and launchers shared by the tests: fakes of our own ports (a small condition language, the diagnostic
 * types as they document their facts) and, for integration tests, launchers of real servers on 127.0.0.1.
 */
package dev.runbookbot.testing;
