/** Tests of the generated CustomResourceDefinitions: up to date, structural, accepting the examples. */
package io.qnative.crd;
