/** Tests of the API types: JSON round trips of every example, client typing. */
package io.qnative.api;
