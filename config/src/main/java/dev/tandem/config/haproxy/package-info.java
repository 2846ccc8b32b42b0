/** The haproxy.cfg front-end: lexer, conditional blocks, keyword parsers and cross-reference checks. */
package dev.tandem.config.haproxy;
