// Hand-written: what every entry of wx-plugin-typings shares.
//
// The official typings' root (`miniprogram-api-typings/types/wx/index.d.ts`)
// declares the global `wx` with every function of `WechatMiniprogram.Wx`,
// and a global cannot be re-declared with another type, so no entry may load
// that file. This file loads the official declaration files it references one
// by one instead (none of them declares `wx`), and declares the few things
// that root file declares besides `wx`: the helper types of the
// `WechatMiniprogram` namespace the other files use, and the globals of a
// mini-program's JS environment. `test/typings.test.mjs` holds this file to
// the official root: the same helper names, the same globals.

/// <reference types="miniprogram-api-typings/types/wx/lib.wx.app" />
/// <reference types="miniprogram-api-typings/types/wx/lib.wx.page" />
/// <reference types="miniprogram-api-typings/types/wx/lib.wx.api" />
/// <reference types="miniprogram-api-typings/types/wx/lib.wx.cloud" />
/// <reference types="miniprogram-api-typings/types/wx/lib.wx.canvas" />
/// <reference types="miniprogram-api-typings/types/wx/lib.wx.component" />
/// <reference types="miniprogram-api-typings/types/wx/lib.wx.glass-easel" />
/// <reference types="miniprogram-api-typings/types/wx/lib.wx.behavior" />
/// <reference types="miniprogram-api-typings/types/wx/lib.wx.event" />
/// <reference types="miniprogram-api-typings/types/wx/lib.wx.wasm" />
/// <reference types="miniprogram-api-typings/types/wx/lib.wx.skyline" />

declare namespace WechatMiniprogram {
    type IAnyObject = Record<string, any>
    /** `F` with its single argument made optional. */
    type Optional<F> = F extends (arg: infer P) => infer R ? (arg?: P) => R : F
    type OptionalInterface<T> = { [K in keyof T]: Optional<T[K]> }
    interface AsyncMethodOptionLike {
        success?: (...args: any[]) => void
    }
    /** What a promisified async API resolves to: `void` when a callback is passed. */
    type PromisifySuccessResult<P, T extends AsyncMethodOptionLike> = P extends { success: any }
        ? void
        : P extends { fail: any }
          ? void
          : P extends { complete: any }
            ? void
            : Promise<Parameters<Exclude<T['success'], undefined>>[0]>

    // Web Audio and WebGL types the official typings leave open.
    type IIRFilterNode = any
    type WaveShaperNode = any
    type ConstantSourceNode = any
    type OscillatorNode = any
    type GainNode = any
    type BiquadFilterNode = any
    type PeriodicWaveNode = any
    type AudioNode = any
    type ChannelSplitterNode = any
    type ChannelMergerNode = any
    type DelayNode = any
    type DynamicsCompressorNode = any
    type ScriptProcessorNode = any
    type PannerNode = any
    type AnalyserNode = any
    type WebGLTexture = any
    type WebGLRenderingContext = any
}

declare namespace WxPlugin {
    /** `F`'s parameters with another result: how an entry narrows what a
     * function or method returns (for an overloaded `F`, its last overload;
     * for a generic one, its type parameters at their constraints). */
    type Returning<F, R> = F extends (...args: infer A) => any ? (...args: A) => R : never
}

declare let console: WechatMiniprogram.Console

/** Loads a module: what it exports through `module.exports` or `exports`. */
interface Require {
    (module: string, callback?: (moduleExport: any) => void, errorCallback?: (err: any) => void): any
    async(module: string): Promise<any>
}
declare const require: Require
/** Loads a plugin by its alias: what the plugin exports through its `main`. */
interface RequirePlugin {
    (module: string, callback?: (pluginExport: any) => void): any
    async(module: string): Promise<any>
}
declare const requirePlugin: RequirePlugin
/** In a plugin: what the host mini-program exports to it (base library 2.11.1 and later). */
declare function requireMiniProgram(): any
declare let module: { exports: any }
declare let exports: any
declare function clearInterval(intervalID: number): void
declare function clearTimeout(timeoutID: number): void
declare function setInterval(callback: (...args: any[]) => any, delay?: number, ...rest: any[]): number
declare function setTimeout(callback: (...args: any[]) => any, delay?: number, ...rest: any[]): number
