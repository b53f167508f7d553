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
    /** `F`'s parameters with another result: how a function or method that
     * returns a narrowed object is declared (for an overloaded `F`, its last
     * overload; for a generic one, its type parameters at their constraints). */
    type Returning<F, R> = F extends (...args: infer A) => any ? (...args: A) => R : never

    // `PluginWx<B>`, from the data of the generated `plugin-wx.d.ts`
    // (`Bases`, `Versions`, `Functions`, `Legacy`, `FunctionReturns`,
    // `Official`, `OfficialFrom`, `Gated`, `MethodReturns`, `NarrowedAt`).
    // Everything is computed for an entry `E` of `Bases`, where a version of
    // the data is at or below `E` when it is one of `UpTo<E>`: a lookup in a
    // union, which keeps `tsc` fast; only `EntryOf` compares versions digit
    // by digit, once per base that is no entry.

    /** A base library version, `"2.18.1"`. */
    type Version = `${bigint}.${bigint}.${bigint}`

    /** The `wx` a plugin sees on base library `B`: the functions plugins may
     * call there, each with its official type, and the objects they return
     * without what plugins may not use there. A base between two entries
     * gets the lower one's (`PluginWx<"2.19.0">` is `PluginWx<"2.18.1">`);
     * below the baseline, plugins have no `wx` function. */
    type PluginWx<B extends Version> = [EntryOf<B>] extends [never] ? BelowBaseline : PluginWxAt<EntryOf<B>>

    /** The `wx` of plugins below the first of `Bases`, where there are none. */
    interface BelowBaseline {}

    /** The entry describing base library `B`: the highest of `Bases` at or
     * below it (`never` below the first, or for a version with a sign or a
     * hexadecimal part, which `Version` admits). */
    type EntryOf<B extends string> = B extends Bases[number] ? B : Plain<B> extends true ? HighestAtMost<B, Bases> : never

    /** The `wx` of the entry `E`: the official functions available there (picked,
     * so each keeps its overloads and JSDoc) but those that return an object
     * narrowed there, these returning it, and the legacy spellings. */
    type PluginWxAt<E extends Version> = PickOf<WechatMiniprogram.Wx, Exclude<Available<E>, NarrowingFunctions<E>>> & {
        [K in NarrowingFunctions<E>]: Returning<Member<WechatMiniprogram.Wx, K>, Member<NarrowedAt<E>, Member<FunctionReturns, K>>>
    } & PickOf<Legacy, Available<E>>

    /** `Pick<T, K>` of the keys of `K` that `T` has. (`K & keyof T` makes the
     * constraint of `Pick` obvious: proving it of the generic `K` takes `tsc`
     * seconds.) */
    type PickOf<T, K> = Pick<T, K & keyof T>

    // Lookups go through `Member` for the same reason.

    /** The versions of `Versions` at or below the entry `E` (walked by index:
     * slicing the tuple would make a type of each rest). */
    type UpTo<E extends Version, Seen extends 0[] = [], Below extends Version = never> = Versions[Seen["length"]] extends E
        ? Below | E
        : Seen["length"] extends Versions["length"] ? Below : UpTo<E, [...Seen, 0], Below | Versions[Seen["length"]]>

    /** The functions plugins may call on `E`. */
    type Available<E extends Version> = Functions[UpTo<E> & keyof Functions]

    /** The functions available on `E` that return an object narrowed there. */
    type NarrowingFunctions<E extends Version> = {
        [K in keyof FunctionReturns]: IsNarrowed<FunctionReturns[K], E> extends true ? K : never
    }[keyof FunctionReturns] & Available<E>

    /** `Official[I]` on the entry `E`: without its members `Gated` puts above `E`
     * or out of plugins' reach, and with its methods that return an object
     * narrowed there returning it. */
    type Narrowed<I extends keyof Official, E extends Version> = Omit<Official[I], (OmittedAt<I, E> | RewrittenAt<I, E>) & string> & {
        [M in RewrittenAt<I, E>]: Returning<Member<Official[I], M>, Member<NarrowedAt<E>, Member<Member<MethodReturns, I>, M>>>
    }

    /** Whether `Official[I]` loses something on `E` (directly or through what its methods return). */
    type IsNarrowed<I extends keyof Official, E extends Version> = [OfficialFrom[I]] extends [never] ? true : OfficialFrom[I] extends UpTo<E> ? false : true

    /** The members of `Official[I]` plugins may not use on `E`. */
    type OmittedAt<I, E extends Version> = Member<Gated, I>[Exclude<keyof Member<Gated, I>, UpTo<E>>]

    /** The methods of `Official[I]` plugins may call on `E` that return an object narrowed there. */
    type RewrittenAt<I, E extends Version> = {
        [M in keyof Member<MethodReturns, I>]: M extends OmittedAt<I, E>
            ? never
            : Member<MethodReturns, I>[M] extends infer T extends keyof Official
              ? IsNarrowed<T, E> extends true ? M : never
              : never
    }[keyof Member<MethodReturns, I>]

    /** `T[K]`, or `{}` where `T` has no `K`. */
    type Member<T, K> = K extends keyof T ? T[K] : {}

    // A base that is no entry is compared with the entries part by part,
    // numerically: "1.9.94" > "1.9.6", "2.10.0" > "2.9.4". `Version` admits
    // no leading zeros ("01" is no `${bigint}`), so a longer part is larger
    // and parts of one length compare digit by digit.

    /** The highest of the ascending `L` at or below `B`, or `never`. */
    type HighestAtMost<B extends string, L extends Version[]> = L extends [...infer Lower extends Version[], infer Last extends Version]
        ? CompareVersions<Last, B> extends ">" ? HighestAtMost<B, Lower> : Last
        : never

    type CompareVersions<A extends string, B extends string> = A extends `${infer A1}.${infer A2}.${infer A3}`
        ? B extends `${infer B1}.${infer B2}.${infer B3}`
            ? CompareNumbers<A1, B1> extends "=" ? (CompareNumbers<A2, B2> extends "=" ? CompareNumbers<A3, B3> : CompareNumbers<A2, B2>) : CompareNumbers<A1, B1>
            : never
        : never

    type CompareNumbers<A extends string, B extends string> = CompareLengths<A, B> extends "=" ? CompareDigits<A, B> : CompareLengths<A, B>

    type CompareLengths<A extends string, B extends string> = A extends `${string}${infer RestA}`
        ? B extends `${string}${infer RestB}` ? CompareLengths<RestA, RestB> : ">"
        : B extends "" ? "=" : "<"

    type CompareDigits<A extends string, B extends string> = A extends `${infer DA}${infer RestA}`
        ? B extends `${infer DB}${infer RestB}`
            ? DA extends DB ? CompareDigits<RestA, RestB> : "0123456789" extends `${string}${DA}${string}${DB}${string}` ? "<" : ">"
            : ">"
        : "="

    /** Whether `B` is of digits and dots only. */
    type Plain<B extends string> = B extends `${infer C}${infer Rest}` ? (C extends "." | "0" | "1" | "2" | "3" | "4" | "5" | "6" | "7" | "8" | "9" ? Plain<Rest> : false) : true
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
