'use strict';
// Per-plugin key/value storage with WeChat's limits, optionally persisted to
// a JSON file ({ "<pluginId>": { "<key>": <data> } }) so that a second run
// sees what the first one stored.

const fs = require('node:fs');
const path = require('node:path');

// WeChat: "单个 key 允许存储的最大数据长度为 1MB，所有数据存储上限为 10MB".
// Both limits count bytes, not characters: an entry's size is the UTF-8 bytes
// of its key plus those of its value's JSON text (what a phone writes to
// disk), so "中" counts 3 and "😀" 4. ITEM_LIMIT caps one entry, TOTAL_LIMIT
// the sum over all of a plugin's entries; both inclusive.
const ITEM_LIMIT = 1024 * 1024;
const TOTAL_LIMIT = 10 * 1024 * 1024;

class Storage {
  constructor({ file = null, pluginId = 'plugin' } = {}) {
    this.file = file ? path.resolve(file) : null;
    this.pluginId = pluginId;
    this.items = null; // Map key -> JSON text; read on first use
  }

  readFile() {
    if (!this.file || !fs.existsSync(this.file)) return {};
    let all;
    try {
      all = JSON.parse(fs.readFileSync(this.file, 'utf8'));
    } catch (e) {
      throw new Error(`storage file ${this.file} is not valid JSON (${e.message})`);
    }
    if (!all || typeof all !== 'object' || Array.isArray(all)) throw new Error(`storage file ${this.file} must hold a JSON object`);
    return all;
  }

  /** (Re)reads this plugin's part of the storage file. */
  load() {
    const mine = this.readFile()[this.pluginId] || {};
    this.items = new Map(Object.entries(mine).map(([k, v]) => [k, JSON.stringify(v)]));
  }

  map() {
    if (!this.items) this.load();
    return this.items;
  }

  // Other plugins' data in the same file is kept as it is.
  persist() {
    if (!this.file) return;
    const all = this.readFile();
    all[this.pluginId] = Object.fromEntries([...this.items].map(([k, json]) => [k, JSON.parse(json)]));
    const tmp = `${this.file}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, `${JSON.stringify(all, null, 2)}\n`);
    fs.renameSync(tmp, this.file);
  }

  /** An entry's size: UTF-8 bytes of the key plus those of the value's JSON text. */
  static size(key, json) {
    return Buffer.byteLength(key, 'utf8') + Buffer.byteLength(json, 'utf8');
  }

  usedBytes(map = this.map()) {
    let n = 0;
    for (const [k, json] of map) n += Storage.size(k, json);
    return n;
  }

  /** Stores JSON text; returns null, or WeChat's failure reason. */
  set(key, json) {
    const map = this.map();
    const size = Storage.size(key, json);
    if (size > ITEM_LIMIT) return 'exceed storage item max length';
    const old = map.has(key) ? Storage.size(key, map.get(key)) : 0;
    if (this.usedBytes(map) - old + size > TOTAL_LIMIT) return 'exceed storage max size 10MB';
    map.set(key, json);
    this.persist();
    return null;
  }

  get(key) {
    return this.map().get(key); // JSON text or undefined
  }

  remove(key) {
    if (this.map().delete(key)) this.persist();
  }

  clear() {
    this.map().clear();
    this.persist();
  }

  info() {
    return {
      keys: [...this.map().keys()],
      currentSize: Math.ceil(this.usedBytes() / 1024), // KB, as WeChat reports
      limitSize: TOTAL_LIMIT / 1024,
    };
  }
}

module.exports = { Storage, ITEM_LIMIT, TOTAL_LIMIT };
