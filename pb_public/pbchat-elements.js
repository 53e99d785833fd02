// pbchat-elements 0.1.0: chat as custom elements for any PocketBase frontend. Built from ui/src by ui/build.mjs.
var I=globalThis,D=I.ShadowRoot&&(I.ShadyCSS===void 0||I.ShadyCSS.nativeShadow)&&"adoptedStyleSheets"in Document.prototype&&"replace"in CSSStyleSheet.prototype,K=Symbol(),lt=new WeakMap,C=class{constructor(t,e,s){if(this._$cssResult$=!0,s!==K)throw Error("CSSResult is not constructable. Use `unsafeCSS` or `css` instead.");this.cssText=t,this.t=e}get styleSheet(){let t=this.o,e=this.t;if(D&&t===void 0){let s=e!==void 0&&e.length===1;s&&(t=lt.get(e)),t===void 0&&((this.o=t=new CSSStyleSheet).replaceSync(this.cssText),s&&lt.set(e,t))}return t}toString(){return this.cssText}},ct=r=>new C(typeof r=="string"?r:r+"",void 0,K),O=(r,...t)=>{let e=r.length===1?r[0]:t.reduce((s,i,n)=>s+(o=>{if(o._$cssResult$===!0)return o.cssText;if(typeof o=="number")return o;throw Error("Value passed to 'css' function must be a 'css' function result: "+o+". Use 'unsafeCSS' to pass non-literal values, but take care to ensure page security.")})(i)+r[n+1],r[0]);return new C(e,r,K)},dt=(r,t)=>{if(D)r.adoptedStyleSheets=t.map(e=>e instanceof CSSStyleSheet?e:e.styleSheet);else for(let e of t){let s=document.createElement("style"),i=I.litNonce;i!==void 0&&s.setAttribute("nonce",i),s.textContent=e.cssText,r.appendChild(s)}},q=D?r=>r:r=>r instanceof CSSStyleSheet?(t=>{let e="";for(let s of t.cssRules)e+=s.cssText;return ct(e)})(r):r;var{is:Tt,defineProperty:Pt,getOwnPropertyDescriptor:kt,getOwnPropertyNames:Lt,getOwnPropertySymbols:Ut,getPrototypeOf:Rt}=Object,z=globalThis,pt=z.trustedTypes,Mt=pt?pt.emptyScript:"",Ht=z.reactiveElementPolyfillSupport,N=(r,t)=>r,Y={toAttribute(r,t){switch(t){case Boolean:r=r?Mt:null;break;case Object:case Array:r=r==null?r:JSON.stringify(r)}return r},fromAttribute(r,t){let e=r;switch(t){case Boolean:e=r!==null;break;case Number:e=r===null?null:Number(r);break;case Object:case Array:try{e=JSON.parse(r)}catch{e=null}}return e}},_t=(r,t)=>!Tt(r,t),ut={attribute:!0,type:String,converter:Y,reflect:!1,useDefault:!1,hasChanged:_t};Symbol.metadata??=Symbol("metadata"),z.litPropertyMetadata??=new WeakMap;var g=class extends HTMLElement{static addInitializer(t){this._$Ei(),(this.l??=[]).push(t)}static get observedAttributes(){return this.finalize(),this._$Eh&&[...this._$Eh.keys()]}static createProperty(t,e=ut){if(e.state&&(e.attribute=!1),this._$Ei(),this.prototype.hasOwnProperty(t)&&((e=Object.create(e)).wrapped=!0),this.elementProperties.set(t,e),!e.noAccessor){let s=Symbol(),i=this.getPropertyDescriptor(t,s,e);i!==void 0&&Pt(this.prototype,t,i)}}static getPropertyDescriptor(t,e,s){let{get:i,set:n}=kt(this.prototype,t)??{get(){return this[e]},set(o){this[e]=o}};return{get:i,set(o){let c=i?.call(this);n?.call(this,o),this.requestUpdate(t,c,s)},configurable:!0,enumerable:!0}}static getPropertyOptions(t){return this.elementProperties.get(t)??ut}static _$Ei(){if(this.hasOwnProperty(N("elementProperties")))return;let t=Rt(this);t.finalize(),t.l!==void 0&&(this.l=[...t.l]),this.elementProperties=new Map(t.elementProperties)}static finalize(){if(this.hasOwnProperty(N("finalized")))return;if(this.finalized=!0,this._$Ei(),this.hasOwnProperty(N("properties"))){let e=this.properties,s=[...Lt(e),...Ut(e)];for(let i of s)this.createProperty(i,e[i])}let t=this[Symbol.metadata];if(t!==null){let e=litPropertyMetadata.get(t);if(e!==void 0)for(let[s,i]of e)this.elementProperties.set(s,i)}this._$Eh=new Map;for(let[e,s]of this.elementProperties){let i=this._$Eu(e,s);i!==void 0&&this._$Eh.set(i,e)}this.elementStyles=this.finalizeStyles(this.styles)}static finalizeStyles(t){let e=[];if(Array.isArray(t)){let s=new Set(t.flat(1/0).reverse());for(let i of s)e.unshift(q(i))}else t!==void 0&&e.push(q(t));return e}static _$Eu(t,e){let s=e.attribute;return s===!1?void 0:typeof s=="string"?s:typeof t=="string"?t.toLowerCase():void 0}constructor(){super(),this._$Ep=void 0,this.isUpdatePending=!1,this.hasUpdated=!1,this._$Em=null,this._$Ev()}_$Ev(){this._$ES=new Promise(t=>this.enableUpdating=t),this._$AL=new Map,this._$E_(),this.requestUpdate(),this.constructor.l?.forEach(t=>t(this))}addController(t){(this._$EO??=new Set).add(t),this.renderRoot!==void 0&&this.isConnected&&t.hostConnected?.()}removeController(t){this._$EO?.delete(t)}_$E_(){let t=new Map,e=this.constructor.elementProperties;for(let s of e.keys())this.hasOwnProperty(s)&&(t.set(s,this[s]),delete this[s]);t.size>0&&(this._$Ep=t)}createRenderRoot(){let t=this.shadowRoot??this.attachShadow(this.constructor.shadowRootOptions);return dt(t,this.constructor.elementStyles),t}connectedCallback(){this.renderRoot??=this.createRenderRoot(),this.enableUpdating(!0),this._$EO?.forEach(t=>t.hostConnected?.())}enableUpdating(t){}disconnectedCallback(){this._$EO?.forEach(t=>t.hostDisconnected?.())}attributeChangedCallback(t,e,s){this._$AK(t,s)}_$ET(t,e){let s=this.constructor.elementProperties.get(t),i=this.constructor._$Eu(t,s);if(i!==void 0&&s.reflect===!0){let n=(s.converter?.toAttribute!==void 0?s.converter:Y).toAttribute(e,s.type);this._$Em=t,n==null?this.removeAttribute(i):this.setAttribute(i,n),this._$Em=null}}_$AK(t,e){let s=this.constructor,i=s._$Eh.get(t);if(i!==void 0&&this._$Em!==i){let n=s.getPropertyOptions(i),o=typeof n.converter=="function"?{fromAttribute:n.converter}:n.converter?.fromAttribute!==void 0?n.converter:Y;this._$Em=i;let c=o.fromAttribute(e,n.type);this[i]=c??this._$Ej?.get(i)??c,this._$Em=null}}requestUpdate(t,e,s,i=!1,n){if(t!==void 0){let o=this.constructor;if(i===!1&&(n=this[t]),s??=o.getPropertyOptions(t),!((s.hasChanged??_t)(n,e)||s.useDefault&&s.reflect&&n===this._$Ej?.get(t)&&!this.hasAttribute(o._$Eu(t,s))))return;this.C(t,e,s)}this.isUpdatePending===!1&&(this._$ES=this._$EP())}C(t,e,{useDefault:s,reflect:i,wrapped:n},o){s&&!(this._$Ej??=new Map).has(t)&&(this._$Ej.set(t,o??e??this[t]),n!==!0||o!==void 0)||(this._$AL.has(t)||(this.hasUpdated||s||(e=void 0),this._$AL.set(t,e)),i===!0&&this._$Em!==t&&(this._$Eq??=new Set).add(t))}async _$EP(){this.isUpdatePending=!0;try{await this._$ES}catch(e){Promise.reject(e)}let t=this.scheduleUpdate();return t!=null&&await t,!this.isUpdatePending}scheduleUpdate(){return this.performUpdate()}performUpdate(){if(!this.isUpdatePending)return;if(!this.hasUpdated){if(this.renderRoot??=this.createRenderRoot(),this._$Ep){for(let[i,n]of this._$Ep)this[i]=n;this._$Ep=void 0}let s=this.constructor.elementProperties;if(s.size>0)for(let[i,n]of s){let{wrapped:o}=n,c=this[i];o!==!0||this._$AL.has(i)||c===void 0||this.C(i,void 0,n,c)}}let t=!1,e=this._$AL;try{t=this.shouldUpdate(e),t?(this.willUpdate(e),this._$EO?.forEach(s=>s.hostUpdate?.()),this.update(e)):this._$EM()}catch(s){throw t=!1,this._$EM(),s}t&&this._$AE(e)}willUpdate(t){}_$AE(t){this._$EO?.forEach(e=>e.hostUpdated?.()),this.hasUpdated||(this.hasUpdated=!0,this.firstUpdated(t)),this.updated(t)}_$EM(){this._$AL=new Map,this.isUpdatePending=!1}get updateComplete(){return this.getUpdateComplete()}getUpdateComplete(){return this._$ES}shouldUpdate(t){return!0}update(t){this._$Eq&&=this._$Eq.forEach(e=>this._$ET(e,this[e])),this._$EM()}updated(t){}firstUpdated(t){}};g.elementStyles=[],g.shadowRootOptions={mode:"open"},g[N("elementProperties")]=new Map,g[N("finalized")]=new Map,Ht?.({ReactiveElement:g}),(z.reactiveElementVersions??=[]).push("2.1.2");var st=globalThis,ft=r=>r,j=st.trustedTypes,mt=j?j.createPolicy("lit-html",{createHTML:r=>r}):void 0,wt="$lit$",y=`lit$${Math.random().toFixed(9).slice(2)}$`,At="?"+y,It=`<${At}>`,w=document,P=()=>w.createComment(""),k=r=>r===null||typeof r!="object"&&typeof r!="function",it=Array.isArray,Dt=r=>it(r)||typeof r?.[Symbol.iterator]=="function",Z=`[ 	
\f\r]`,T=/<(?:(!--|\/[^a-zA-Z])|(\/?[a-zA-Z][^>\s]*)|(\/?$))/g,gt=/-->/g,$t=/>/g,b=RegExp(`>|${Z}(?:([^\\s"'>=/]+)(${Z}*=${Z}*(?:[^ 	
\f\r"'\`<>=]|("|')|))|$)`,"g"),yt=/'/g,bt=/"/g,St=/^(?:script|style|textarea|title)$/i,rt=r=>(t,...e)=>({_$litType$:r,strings:t,values:e}),_=rt(1),Jt=rt(2),Qt=rt(3),A=Symbol.for("lit-noChange"),l=Symbol.for("lit-nothing"),vt=new WeakMap,v=w.createTreeWalker(w,129);function Et(r,t){if(!it(r)||!r.hasOwnProperty("raw"))throw Error("invalid template strings array");return mt!==void 0?mt.createHTML(t):t}var zt=(r,t)=>{let e=r.length-1,s=[],i,n=t===2?"<svg>":t===3?"<math>":"",o=T;for(let c=0;c<e;c++){let a=r[c],d,u,h=-1,m=0;for(;m<a.length&&(o.lastIndex=m,u=o.exec(a),u!==null);)m=o.lastIndex,o===T?u[1]==="!--"?o=gt:u[1]!==void 0?o=$t:u[2]!==void 0?(St.test(u[2])&&(i=RegExp("</"+u[2],"g")),o=b):u[3]!==void 0&&(o=b):o===b?u[0]===">"?(o=i??T,h=-1):u[1]===void 0?h=-2:(h=o.lastIndex-u[2].length,d=u[1],o=u[3]===void 0?b:u[3]==='"'?bt:yt):o===bt||o===yt?o=b:o===gt||o===$t?o=T:(o=b,i=void 0);let $=o===b&&r[c+1].startsWith("/>")?" ":"";n+=o===T?a+It:h>=0?(s.push(d),a.slice(0,h)+wt+a.slice(h)+y+$):a+y+(h===-2?c:$)}return[Et(r,n+(r[e]||"<?>")+(t===2?"</svg>":t===3?"</math>":"")),s]},L=class r{constructor({strings:t,_$litType$:e},s){let i;this.parts=[];let n=0,o=0,c=t.length-1,a=this.parts,[d,u]=zt(t,e);if(this.el=r.createElement(d,s),v.currentNode=this.el.content,e===2||e===3){let h=this.el.content.firstChild;h.replaceWith(...h.childNodes)}for(;(i=v.nextNode())!==null&&a.length<c;){if(i.nodeType===1){if(i.hasAttributes())for(let h of i.getAttributeNames())if(h.endsWith(wt)){let m=u[o++],$=i.getAttribute(h).split(y),H=/([.?@])?(.*)/.exec(m);a.push({type:1,index:n,name:H[2],strings:$,ctor:H[1]==="."?Q:H[1]==="?"?X:H[1]==="@"?tt:x}),i.removeAttribute(h)}else h.startsWith(y)&&(a.push({type:6,index:n}),i.removeAttribute(h));if(St.test(i.tagName)){let h=i.textContent.split(y),m=h.length-1;if(m>0){i.textContent=j?j.emptyScript:"";for(let $=0;$<m;$++)i.append(h[$],P()),v.nextNode(),a.push({type:2,index:++n});i.append(h[m],P())}}}else if(i.nodeType===8)if(i.data===At)a.push({type:2,index:n});else{let h=-1;for(;(h=i.data.indexOf(y,h+1))!==-1;)a.push({type:7,index:n}),h+=y.length-1}n++}}static createElement(t,e){let s=w.createElement("template");return s.innerHTML=t,s}};function E(r,t,e=r,s){if(t===A)return t;let i=s!==void 0?e._$Co?.[s]:e._$Cl,n=k(t)?void 0:t._$litDirective$;return i?.constructor!==n&&(i?._$AO?.(!1),n===void 0?i=void 0:(i=new n(r),i._$AT(r,e,s)),s!==void 0?(e._$Co??=[])[s]=i:e._$Cl=i),i!==void 0&&(t=E(r,i._$AS(r,t.values),i,s)),t}var J=class{constructor(t,e){this._$AV=[],this._$AN=void 0,this._$AD=t,this._$AM=e}get parentNode(){return this._$AM.parentNode}get _$AU(){return this._$AM._$AU}u(t){let{el:{content:e},parts:s}=this._$AD,i=(t?.creationScope??w).importNode(e,!0);v.currentNode=i;let n=v.nextNode(),o=0,c=0,a=s[0];for(;a!==void 0;){if(o===a.index){let d;a.type===2?d=new U(n,n.nextSibling,this,t):a.type===1?d=new a.ctor(n,a.name,a.strings,this,t):a.type===6&&(d=new et(n,this,t)),this._$AV.push(d),a=s[++c]}o!==a?.index&&(n=v.nextNode(),o++)}return v.currentNode=w,i}p(t){let e=0;for(let s of this._$AV)s!==void 0&&(s.strings!==void 0?(s._$AI(t,s,e),e+=s.strings.length-2):s._$AI(t[e])),e++}},U=class r{get _$AU(){return this._$AM?._$AU??this._$Cv}constructor(t,e,s,i){this.type=2,this._$AH=l,this._$AN=void 0,this._$AA=t,this._$AB=e,this._$AM=s,this.options=i,this._$Cv=i?.isConnected??!0}get parentNode(){let t=this._$AA.parentNode,e=this._$AM;return e!==void 0&&t?.nodeType===11&&(t=e.parentNode),t}get startNode(){return this._$AA}get endNode(){return this._$AB}_$AI(t,e=this){t=E(this,t,e),k(t)?t===l||t==null||t===""?(this._$AH!==l&&this._$AR(),this._$AH=l):t!==this._$AH&&t!==A&&this._(t):t._$litType$!==void 0?this.$(t):t.nodeType!==void 0?this.T(t):Dt(t)?this.k(t):this._(t)}O(t){return this._$AA.parentNode.insertBefore(t,this._$AB)}T(t){this._$AH!==t&&(this._$AR(),this._$AH=this.O(t))}_(t){this._$AH!==l&&k(this._$AH)?this._$AA.nextSibling.data=t:this.T(w.createTextNode(t)),this._$AH=t}$(t){let{values:e,_$litType$:s}=t,i=typeof s=="number"?this._$AC(t):(s.el===void 0&&(s.el=L.createElement(Et(s.h,s.h[0]),this.options)),s);if(this._$AH?._$AD===i)this._$AH.p(e);else{let n=new J(i,this),o=n.u(this.options);n.p(e),this.T(o),this._$AH=n}}_$AC(t){let e=vt.get(t.strings);return e===void 0&&vt.set(t.strings,e=new L(t)),e}k(t){it(this._$AH)||(this._$AH=[],this._$AR());let e=this._$AH,s,i=0;for(let n of t)i===e.length?e.push(s=new r(this.O(P()),this.O(P()),this,this.options)):s=e[i],s._$AI(n),i++;i<e.length&&(this._$AR(s&&s._$AB.nextSibling,i),e.length=i)}_$AR(t=this._$AA.nextSibling,e){for(this._$AP?.(!1,!0,e);t!==this._$AB;){let s=ft(t).nextSibling;ft(t).remove(),t=s}}setConnected(t){this._$AM===void 0&&(this._$Cv=t,this._$AP?.(t))}},x=class{get tagName(){return this.element.tagName}get _$AU(){return this._$AM._$AU}constructor(t,e,s,i,n){this.type=1,this._$AH=l,this._$AN=void 0,this.element=t,this.name=e,this._$AM=i,this.options=n,s.length>2||s[0]!==""||s[1]!==""?(this._$AH=Array(s.length-1).fill(new String),this.strings=s):this._$AH=l}_$AI(t,e=this,s,i){let n=this.strings,o=!1;if(n===void 0)t=E(this,t,e,0),o=!k(t)||t!==this._$AH&&t!==A,o&&(this._$AH=t);else{let c=t,a,d;for(t=n[0],a=0;a<n.length-1;a++)d=E(this,c[s+a],e,a),d===A&&(d=this._$AH[a]),o||=!k(d)||d!==this._$AH[a],d===l?t=l:t!==l&&(t+=(d??"")+n[a+1]),this._$AH[a]=d}o&&!i&&this.j(t)}j(t){t===l?this.element.removeAttribute(this.name):this.element.setAttribute(this.name,t??"")}},Q=class extends x{constructor(){super(...arguments),this.type=3}j(t){this.element[this.name]=t===l?void 0:t}},X=class extends x{constructor(){super(...arguments),this.type=4}j(t){this.element.toggleAttribute(this.name,!!t&&t!==l)}},tt=class extends x{constructor(t,e,s,i,n){super(t,e,s,i,n),this.type=5}_$AI(t,e=this){if((t=E(this,t,e,0)??l)===A)return;let s=this._$AH,i=t===l&&s!==l||t.capture!==s.capture||t.once!==s.once||t.passive!==s.passive,n=t!==l&&(s===l||i);i&&this.element.removeEventListener(this.name,this,s),n&&this.element.addEventListener(this.name,this,t),this._$AH=t}handleEvent(t){typeof this._$AH=="function"?this._$AH.call(this.options?.host??this.element,t):this._$AH.handleEvent(t)}},et=class{constructor(t,e,s){this.element=t,this.type=6,this._$AN=void 0,this._$AM=e,this.options=s}get _$AU(){return this._$AM._$AU}_$AI(t){E(this,t)}};var jt=st.litHtmlPolyfillSupport;jt?.(L,U),(st.litHtmlVersions??=[]).push("3.3.3");var xt=(r,t,e)=>{let s=e?.renderBefore??t,i=s._$litPart$;if(i===void 0){let n=e?.renderBefore??null;s._$litPart$=i=new U(t.insertBefore(P(),n),n,void 0,e??{})}return i._$AI(r),i};var nt=globalThis,f=class extends g{constructor(){super(...arguments),this.renderOptions={host:this},this._$Do=void 0}createRenderRoot(){let t=super.createRenderRoot();return this.renderOptions.renderBefore??=t.firstChild,t}update(t){let e=this.render();this.hasUpdated||(this.renderOptions.isConnected=this.isConnected),super.update(t),this._$Do=xt(e,this.renderRoot,this.renderOptions)}connectedCallback(){super.connectedCallback(),this._$Do?.setConnected(!0)}disconnectedCallback(){super.disconnectedCallback(),this._$Do?.setConnected(!1)}render(){return A}};f._$litElement$=!0,f.finalized=!0,nt.litElementHydrateSupport?.({LitElement:f});var Wt=nt.litElementPolyfillSupport;Wt?.({LitElement:f});(nt.litElementVersions??=[]).push("4.2.2");var Ct=Object.freeze({GOING_AWAY:1001,TOO_BIG:1009,TRY_AGAIN_LATER:1013,SLOW:4008,UNAUTHORIZED:4401,TOO_MANY_SOCKETS:4429}),p=Object.freeze({IDLE:"idle",CONNECTING:"connecting",LIVE:"live",RECONNECTING:"reconnecting",OFFLINE:"offline",UNAUTHORIZED:"unauthorized",CLOSED:"closed"}),Bt=1e3,W=class{constructor(t={}){if(this.options=t,this._WebSocket=t.WebSocket||globalThis.WebSocket,!this._WebSocket)throw new Error("ChatClient: no WebSocket here; pass options.WebSocket (in Node, the 'ws' package)");this._handlers=new Map,this._cursor=t.since||"",this._state=p.IDLE,this._attempt=0,this._typingAt=new Map,this._ws=null,this._timer=null,this._everReady=!1,this._paused=!1,this._onOnline=()=>this._state===p.OFFLINE&&!this._paused&&this._open(),this._onPageHide=()=>{this._state===p.CLOSED||this._state===p.UNAUTHORIZED||(this._paused=!0,clearTimeout(this._timer),this._drop(),this._setState(p.RECONNECTING))},this._onPageShow=()=>{this._paused&&(this._paused=!1,this._attempt=0,this._open())},this._onOffline=()=>{this._state===p.CLOSED||this._state===p.UNAUTHORIZED||(clearTimeout(this._timer),this._drop(),this._setState(p.OFFLINE))}}get state(){return this._state}get cursor(){return this._cursor}on(t,e){return this._handlers.has(t)||this._handlers.set(t,new Set),this._handlers.get(t).add(e),()=>this._handlers.get(t)?.delete(e)}connect(){typeof addEventListener=="function"&&typeof window<"u"&&(window.addEventListener("online",this._onOnline),window.addEventListener("offline",this._onOffline),window.addEventListener("pagehide",this._onPageHide),window.addEventListener("pageshow",this._onPageShow),document.addEventListener("freeze",this._onPageHide),document.addEventListener("resume",this._onPageShow)),this._paused=!1,clearTimeout(this._timer),this._attempt=0,this._open()}close(){clearTimeout(this._timer),typeof window<"u"&&(window.removeEventListener("online",this._onOnline),window.removeEventListener("offline",this._onOffline),window.removeEventListener("pagehide",this._onPageHide),window.removeEventListener("pageshow",this._onPageShow),document.removeEventListener("freeze",this._onPageHide),document.removeEventListener("resume",this._onPageShow)),this._drop(),this._setState(p.CLOSED)}typing(t){let e=Date.now();this._state!==p.LIVE||e-(this._typingAt.get(t)||0)<Bt||(this._typingAt.set(t,e),this._send({type:"typing",conversation:t}))}_url(){if(this.options.url)return this.options.url;let t=this.options.baseUrl||(typeof location<"u"?location.origin:"");if(!t)throw new Error("ChatClient: give options.url or options.baseUrl");let e=new URL(t.replace(/\/+$/,"")+"/api/chat/ws",typeof location<"u"?location.href:void 0);return e.protocol=e.protocol==="https:"?"wss:":"ws:",e.toString()}_token(){let{token:t,authStore:e}=this.options;return typeof t=="function"?t():t||e?.token||""}_open(){if(this._drop(),typeof navigator<"u"&&navigator.onLine===!1){this._setState(p.OFFLINE);return}this._setState(this._everReady?p.RECONNECTING:p.CONNECTING);let t;try{t=new this._WebSocket(this._url())}catch(e){this._emit("error",{type:"error",error:String(e)}),this._retry();return}this._ws=t,t.onopen=()=>{let e={type:"auth",token:this._token()};this._cursor&&(e.since=this._cursor),this._sendOn(t,e)},t.onmessage=e=>{if(t!==this._ws)return;let s;try{s=JSON.parse(typeof e.data=="string"?e.data:String(e.data))}catch{return}this._frame(s)},t.onclose=e=>{if(t===this._ws&&(this._ws=null,this._emit("close",{type:"close",code:e.code,reason:e.reason}),!(this._state===p.CLOSED||this._state===p.OFFLINE))){if(e.code===Ct.UNAUTHORIZED){this._setState(p.UNAUTHORIZED);return}e.code===Ct.TOO_MANY_SOCKETS&&(this._attempt=Math.max(this._attempt,5)),this._retry()}},t.onerror=()=>{}}_frame(t){if(t.cursor&&(this._cursor=t.cursor),t.type==="ready"){let e=this._everReady;this._everReady=!0,this._attempt=0,this._setState(p.LIVE),this._emit("ready",{...t,resumed:e});return}this._emit(t.type,t)}_retry(){let t=this.options.minDelay??500,e=this.options.maxDelay??15e3,s=Math.min(e,t*2**this._attempt),i=s/2+Math.random()*(s/2);this._attempt++,this._setState(p.RECONNECTING),clearTimeout(this._timer),this._timer=setTimeout(()=>this._open(),i)}_drop(){let t=this._ws;if(this._ws=null,t){t.onopen=t.onmessage=t.onclose=null,t.onerror=()=>{};try{t.close(1e3)}catch{}}}_send(t){this._ws&&this._sendOn(this._ws,t)}_sendOn(t,e){t.readyState===1&&t.send(JSON.stringify(e))}_setState(t){t!==this._state&&(this._state=t,this._emit("state",t))}_emit(t,e){for(let s of[t,"*"])if(!(s==="*"&&(t==="state"||t==="close")))for(let i of this._handlers.get(s)||[])try{i(e)}catch(n){console.error("ChatClient handler failed:",n)}}};function Ot(){let r="abcdefghijklmnopqrstuvwxyz0123456789",t=new Uint8Array(15);globalThis.crypto.getRandomValues(t);let e="";for(let s of t)e+=r[s%r.length];return e}var R=class{constructor(t){this.source=t,this.id=t.id,this._draftKey=`pbchat.draft.${t.me}.${t.id}`,this.state={messages:[],pending:[],draft:t.drafts?.getItem(this._draftKey)||"",loading:!1,error:""},this._listeners=new Set}subscribe(t){return this._listeners.add(t),t(this.state),()=>this._listeners.delete(t)}async load(){this._set({loading:!0,error:""});try{let t=await this.source.page(),e=new Map(t.map(s=>[s.id,s]));for(let s of this.state.messages)e.has(s.id)||e.set(s.id,s);this._set({messages:Nt([...e.values()]),loading:!1})}catch(t){this._set({loading:!1,error:t?.message||String(t)})}}apply(t){if(t.conversation!==this.id)return;let e=t.record;switch(t.type){case"message.created":return this._upsert(e);case"message.updated":return this._set({messages:this.state.messages.map(s=>s.id===e.id?{...s,...e}:s)});case"message.deleted":return this._set({messages:this.state.messages.filter(s=>s.id!==e.id)})}}setDraft(t){let e=this.source.drafts;t?e?.setItem(this._draftKey,t):e?.removeItem(this._draftKey),this._set({draft:t})}async send(){let t=this.state.draft.trim();if(!t)return;let e={id:this.source.newId(),text:t,error:""};this.setDraft(""),this._set({pending:[...this.state.pending,e]}),await this._try(e)}retry(t){let e=this.state.pending.find(s=>s.id===t);if(e)return this._try(e)}discard(t){this._set({pending:this.state.pending.filter(e=>e.id!==t)})}get newestByOthers(){return this.state.messages.findLast(t=>t.author!==this.source.me)||null}async _try(t){this._setPending(t.id,{error:""});try{let e=await this.source.send({id:t.id,conversation:this.id,text:t.text});this._upsert(e)}catch(e){this._setPending(t.id,{error:e?.message||String(e)})}}_upsert(t){let e=this.state.messages.some(s=>s.id===t.id);this._set({messages:e?this.state.messages.map(s=>s.id===t.id?{...s,...t,expand:t.expand||s.expand}:s):Nt([...this.state.messages,t]),pending:this.state.pending.filter(s=>s.id!==t.id)})}_setPending(t,e){this._set({pending:this.state.pending.map(s=>s.id===t?{...s,...e}:s)})}_set(t){this.state={...this.state,...t};for(let e of this._listeners)e(this.state)}};function Nt(r){return r.sort((t,e)=>t.created===e.created?t.id.localeCompare(e.id):t.created.localeCompare(e.created))}var ot=new WeakMap;function Vt(r){let t=ot.get(r);if(!t){let s=new W({baseUrl:r.baseURL,authStore:r.authStore}),i=r.authStore.onChange(()=>{r.authStore.isValid?s.connect():s.close()});t={client:s,users:0,unlisten:i},ot.set(r,t)}t.users++===0&&r.authStore.isValid&&t.client.connect();let e=!1;return{client:t.client,release(){e||(e=!0,--t.users===0&&(t.client.close(),t.unlisten?.(),ot.delete(r)))}}}function S(r){return r.authStore.record?.id||r.authStore.model?.id||""}function B(r,{session:t,signedOut:e}){let s=null,i=()=>{if(s?.(),s=null,!r.authStore.isValid){e();return}let{client:o,release:c}=Vt(r),a=t(o);s=()=>(a(),c())},n=r.authStore.onChange(i);return i(),()=>{s?.(),n()}}function V(r,t,e){let s=[r.on("*",i=>t.apply(i)),r.on("ready",i=>i.resumed&&t.load()),t.subscribe(e)];return t.load(),()=>s.forEach(i=>i())}var Gt=50,G=class extends f{static properties={pb:{attribute:!1},conversation:{type:String},_state:{state:!0}};static styles=O`
    :host {
      display: flex;
      flex-direction: column;
      min-height: 12rem;
      font: inherit;
      color: var(--pbchat-text, #1c2430);
      background: var(--pbchat-surface, #fff);
    }
    ol {
      flex: 1;
      list-style: none;
      margin: 0;
      padding: 0.5rem 0.9rem;
      overflow-y: auto;
    }
    li {
      margin: 0.35rem 0;
    }
    .who {
      font-weight: 600;
      margin-right: 0.4rem;
    }
    time,
    .status {
      color: var(--pbchat-muted, #475467);
      font-size: 0.85rem;
    }
    .text {
      margin: 0.1rem 0 0;
      white-space: pre-wrap;
      overflow-wrap: anywhere;
    }
    .failed .status {
      color: var(--pbchat-danger, #b42318);
    }
    form {
      display: flex;
      gap: 0.5rem;
      padding: 0.6rem 0.9rem;
      border-top: 1px solid var(--pbchat-line, #e3e7ee);
    }
    textarea {
      flex: 1;
      font: inherit;
      resize: none;
      padding: 0.45rem 0.6rem;
      border: 1px solid var(--pbchat-line, #c9d0db);
      border-radius: 0.4rem;
    }
    button {
      font: inherit;
      padding: 0.45rem 0.9rem;
      border: 0;
      border-radius: 0.4rem;
      background: var(--pbchat-accent, #1d4ed8);
      color: #fff;
      cursor: pointer;
    }
    .link {
      background: none;
      color: var(--pbchat-accent, #1d4ed8);
      padding: 0 0.3rem;
    }
    .empty,
    .error {
      padding: 1rem;
      color: var(--pbchat-muted, #475467);
    }
  `;constructor(){super(),this._state=null}connectedCallback(){super.connectedCallback(),this._start()}disconnectedCallback(){super.disconnectedCallback(),this._stop()}updated(t){if((t.has("pb")||t.has("conversation"))&&this.isConnected&&this._for!==`${this.pb?S(this.pb):""}/${this.conversation}`&&this._start(),t.has("_state")){let e=this.renderRoot.querySelector("ol");e&&(e.scrollTop=e.scrollHeight)}}_start(){this._stop(),this._stop=()=>{};let t=this.pb,e=this.conversation;this._for=`${t?S(t):""}/${e}`,!(!t||!e)&&(this._stop=B(t,{signedOut:()=>{this._state=null,this._store=this._member=null},session:s=>{let i=new R({id:e,me:S(t),newId:Ot,drafts:globalThis.localStorage,page:async()=>(await t.collection("messages").getList(1,Gt,{filter:t.filter("conversation = {:id}",{id:e}),sort:"-created,-id",expand:"author",skipTotal:1})).items,send:o=>t.collection("messages").create(o,{expand:"author"})});this._store=i,this._member=null,t.collection("conversations").getOne(e).then(o=>{this._store===i&&(this._member=o.member||null,this._read(i))}).catch(()=>{});let n=V(s,i,o=>{this._state=o,this._read(i)});return()=>{n(),this._store=this._member=null}}}))}_stop(){}_read(t){let e=t.newestByOthers,s=this._member;!e||!s||s.lastReadAt&&s.lastReadAt>=e.created||globalThis.document?.visibilityState!=="hidden"&&(s.lastReadAt=e.created,this.pb.collection("members").update(s.id,{lastReadAt:e.created}).catch(()=>{}))}_keydown(t){t.key==="Enter"&&!t.shiftKey&&!t.isComposing&&(t.preventDefault(),this._store?.send())}_submit(t){t.preventDefault(),this._store?.send()}render(){let t=this._state;if(!t)return _`<p class="empty">Pick a conversation.</p>`;let e=S(this.pb);return _`
      ${t.error?_`<p class="error" role="alert">${t.error}</p>`:l}
      <ol aria-label="Messages" aria-live="polite">
        ${t.messages.map(s=>_`<li>
            <span class="who">${s.author===e?"You":s.expand?.author?.name||"Someone"}</span>
            <time datetime=${s.created}>${Ft(s.created)}</time>
            <p class="text">${s.text}</p>
          </li>`)}
        ${t.pending.map(s=>_`<li class=${s.error?"failed":"pending"}>
            <span class="who">You</span>
            <span class="status">${s.error?"Not sent":"Sending\u2026"}</span>
            <p class="text">${s.text}</p>
            ${s.error?_`<p class="status" role="alert">
                  ${s.error}
                  <button type="button" class="link" @click=${()=>this._store?.retry(s.id)}>Retry</button>
                  <button type="button" class="link" @click=${()=>this._store?.discard(s.id)}>Discard</button>
                </p>`:l}
          </li>`)}
      </ol>
      <form @submit=${this._submit}>
        <textarea
          rows="2"
          aria-label="Message"
          placeholder="Write a message"
          .value=${t.draft}
          @input=${s=>this._store?.setDraft(s.target.value)}
          @keydown=${this._keydown}
        ></textarea>
        <button type="submit">Send</button>
      </form>
    `}};function Ft(r){let t=new Date(String(r).replace(" ","T"));return Number.isNaN(t.getTime())?"":t.toLocaleTimeString([],{hour:"2-digit",minute:"2-digit"})}function at(r){if(r.title)return r.title;let t=(r.heroes||[]).map(e=>e.name).filter(Boolean);return t.length?t.join(", "):"Just you"}function ht(r){return r?r.text?r.text.length>120?r.text.slice(0,119)+"\u2026":r.text:(r.files||r.attachments||[]).length?"Attachment":"":""}var M=class{constructor({page:t,one:e,me:s}){this._page=t,this._one=e,this.me=s,this.state={rows:[],loading:!1,error:""},this._listeners=new Set}subscribe(t){return this._listeners.add(t),t(this.state),()=>this._listeners.delete(t)}get unread(){return this.state.rows.reduce((t,e)=>t+(e.unread||0),0)}async load(){this._set({loading:!0,error:""});try{let t=await this._page();this._set({rows:t.slice(0,50).map(e=>this._row(e)),loading:!1})}catch(t){this._set({loading:!1,error:t?.message||String(t)})}}apply(t){switch(t.type){case"message.created":return this._message(t);case"conversation.created":return this._refresh(t.conversation);case"conversation.updated":return this._update(t.conversation,e=>({...e,title:at({...e.record,...t.record}),record:{...e.record,...t.record}}));case"conversation.removed":return this._set({rows:this.state.rows.filter(e=>e.id!==t.conversation)});case"read":if(t.user===this.me)return this._update(t.conversation,e=>t.lastReadAt>=e.lastMessageAt?{...e,unread:0,mentions:0}:e)}}_message({conversation:t,record:e}){let s=this.state.rows.find(o=>o.id===t);if(!s)return this._refresh(t);let i=e.author===this.me,n={...s,preview:ht(e),author:e.expand?.author?.name||"",lastMessageAt:e.created,unread:i?0:(s.unread||0)+1,mentions:i?0:(s.mentions||0)+((e.mentions||[]).includes(this.me)?1:0)};this._set({rows:[n,...this.state.rows.filter(o=>o.id!==t)]})}async _refresh(t){try{let e=this._row(await this._one(t)),s=this.state.rows.filter(n=>n.id!==t),i=s.findIndex(n=>n.lastMessageAt<e.lastMessageAt);s.splice(i<0?s.length:i,0,e),this._set({rows:s})}catch{}}_update(t,e){this._set({rows:this.state.rows.map(s=>s.id===t?e(s):s)})}_row(t){let e=t.expand?.lastMessage;return{id:t.id,record:{id:t.id,title:t.title,heroes:t.heroes},title:at(t),preview:ht(e),author:e?.expand?.author?.name||"",lastMessageAt:t.lastMessageAt||"",unread:t.unread||0,mentions:t.mentions||0}}_set(t){this.state={...this.state,...t};for(let e of this._listeners)e(this.state)}};var F=class extends f{static properties={pb:{attribute:!1},selected:{type:String,reflect:!0},_state:{state:!0}};static styles=O`
    :host {
      display: block;
      font: inherit;
      color: var(--pbchat-text, #1c2430);
      background: var(--pbchat-surface, #fff);
    }
    ul {
      list-style: none;
      margin: 0;
      padding: 0;
    }
    button {
      all: unset;
      box-sizing: border-box;
      display: grid;
      grid-template-columns: 1fr auto;
      gap: 0.15rem 0.5rem;
      width: 100%;
      padding: 0.6rem 0.9rem;
      cursor: pointer;
      border-bottom: 1px solid var(--pbchat-line, #e3e7ee);
    }
    button:hover {
      background: var(--pbchat-hover, #f3f5f9);
    }
    button:focus-visible {
      outline: 2px solid var(--pbchat-accent, #1d4ed8);
      outline-offset: -2px;
    }
    button[aria-current="true"] {
      background: var(--pbchat-selected, #e6edfb);
    }
    .title {
      font-weight: 600;
      overflow: hidden;
      text-overflow: ellipsis;
      white-space: nowrap;
    }
    .preview {
      grid-column: 1;
      color: var(--pbchat-muted, #475467);
      overflow: hidden;
      text-overflow: ellipsis;
      white-space: nowrap;
    }
    .badge {
      grid-column: 2;
      grid-row: 1 / span 2;
      align-self: center;
      min-width: 1.4rem;
      padding: 0 0.4rem;
      border-radius: 999px;
      background: var(--pbchat-accent, #1d4ed8);
      color: #fff;
      font-size: 0.8rem;
      font-weight: 600;
      text-align: center;
      line-height: 1.4rem;
    }
    .visually-hidden {
      position: absolute;
      width: 1px;
      height: 1px;
      overflow: hidden;
      clip-path: inset(50%);
      white-space: nowrap;
    }
    .empty,
    .error {
      padding: 1rem;
      color: var(--pbchat-muted, #475467);
    }
  `;constructor(){super(),this._state={rows:[],loading:!1,error:""},this._total=-1}connectedCallback(){super.connectedCallback(),this._start()}disconnectedCallback(){super.disconnectedCallback(),this._stop()}updated(t){t.has("pb")&&this.isConnected&&this._start()}_start(){this._stop(),this._stop=()=>{};let t=this.pb;t&&(this._stop=B(t,{signedOut:()=>{this._state={rows:[],loading:!1,error:""},this._announce(0)},session:e=>{let s=new M({me:S(t),page:async()=>(await t.collection("conversations").getList(1,50,{sort:"-lastMessageAt",expand:"lastMessage.author",skipTotal:1})).items,one:i=>t.collection("conversations").getOne(i,{expand:"lastMessage.author"})});return V(e,s,i=>{this._state=i,this._announce(s.unread)})}}))}_stop(){}_announce(t){t!==this._total&&(this._total=t,this.dispatchEvent(new CustomEvent("pbchat-unread",{detail:{total:t},bubbles:!0,composed:!0})))}_open(t){this.selected=t,this.dispatchEvent(new CustomEvent("pbchat-open",{detail:{conversation:t},bubbles:!0,composed:!0}))}render(){let{rows:t,loading:e,error:s}=this._state;return s?_`<p class="error" role="alert">${s}</p>`:t.length?_`<nav aria-label="Conversations">
      <ul>
        ${t.map(i=>_`<li>
            <button type="button" aria-current=${i.id===this.selected?"true":"false"} @click=${()=>this._open(i.id)}>
              <span class="title">${i.title}</span>
              <span class="preview">${i.author&&i.preview?`${i.author}: ${i.preview}`:i.preview}</span>
              ${i.unread?_`<span class="badge"
                    ><span aria-hidden="true">${i.unread>99?"99+":i.unread}</span
                    ><span class="visually-hidden"
                      >, ${i.unread} unread</span
                    ></span
                  >`:l}
            </button>
          </li>`)}
      </ul>
    </nav>`:_`<p class="empty">${e?"Loading\u2026":"No conversations yet."}</p>`}};for(let[r,t]of[["pbchat-inbox",F],["pbchat-conversation",G]])customElements.get(r)||customElements.define(r,t);export{R as ConversationStore,M as InboxStore,G as PbchatConversation,F as PbchatInbox,ht as previewOf,at as titleOf};
