'use strict';
// Preload (`node --require test/reliability/blockNetwork.js ...`) that disables networking at the
// Node level: every way to open a connection or resolve a name appends a line to the file named
// in SOAPNOTE_NET_LOG and throws. Plain JS so that it runs before anything is compiled or loaded.
const fs = require('node:fs');
const net = require('node:net');
const tls = require('node:tls');
const dns = require('node:dns');
const http = require('node:http');
const https = require('node:https');

const logFile = process.env.SOAPNOTE_NET_LOG;

function blocked(name) {
  return function blockedNetworkCall() {
    const where = (new Error().stack || '').split('\n').slice(2, 6).map((l) => l.trim()).join(' < ');
    try {
      fs.appendFileSync(logFile || '/dev/stderr', `${process.pid} ${name} ${where}\n`);
    } catch {
      // The throw below still stops the call.
    }
    throw new Error(`soapnote test: network access is disabled (${name})`);
  };
}

function replace(target, key, name) {
  if (target && typeof target[key] === 'function') {
    Object.defineProperty(target, key, { value: blocked(name), writable: true, configurable: true });
  }
}

replace(net, 'connect', 'net.connect');
replace(net, 'createConnection', 'net.createConnection');
replace(net.Socket.prototype, 'connect', 'net.Socket.prototype.connect');
replace(tls, 'connect', 'tls.connect');
for (const key of Object.keys(dns)) {
  if (key === 'lookup' || key === 'lookupService' || key.startsWith('resolve')) {
    replace(dns, key, `dns.${key}`);
  }
}
for (const key of Object.keys(dns.promises)) {
  if (key === 'lookup' || key === 'lookupService' || key.startsWith('resolve')) {
    replace(dns.promises, key, `dns.promises.${key}`);
  }
}
replace(dns.Resolver.prototype, 'resolve', 'dns.Resolver.resolve');
for (const [module, prefix] of [[http, 'http'], [https, 'https']]) {
  replace(module, 'request', `${prefix}.request`);
  replace(module, 'get', `${prefix}.get`);
}
replace(globalThis, 'fetch', 'fetch');
