// pbchat-elements 0.1.0: chat as custom elements for any PocketBase frontend. Built from ui/src by ui/build.mjs.
var me=globalThis,fe=me.ShadowRoot&&(me.ShadyCSS===void 0||me.ShadyCSS.nativeShadow)&&"adoptedStyleSheets"in Document.prototype&&"replace"in CSSStyleSheet.prototype,Ye=Symbol(),Ft=new WeakMap,se=class{constructor(e,t,s){if(this._$cssResult$=!0,s!==Ye)throw Error("CSSResult is not constructable. Use `unsafeCSS` or `css` instead.");this.cssText=e,this.t=t}get styleSheet(){let e=this.o,t=this.t;if(fe&&e===void 0){let s=t!==void 0&&t.length===1;s&&(e=Ft.get(t)),e===void 0&&((this.o=e=new CSSStyleSheet).replaceSync(this.cssText),s&&Ft.set(t,e))}return e}toString(){return this.cssText}},Wt=n=>new se(typeof n=="string"?n:n+"",void 0,Ye),S=(n,...e)=>{let t=n.length===1?n[0]:e.reduce((s,i,r)=>s+(a=>{if(a._$cssResult$===!0)return a.cssText;if(typeof a=="number")return a;throw Error("Value passed to 'css' function must be a 'css' function result: "+a+". Use 'unsafeCSS' to pass non-literal values, but take care to ensure page security.")})(i)+n[r+1],n[0]);return new se(t,n,Ye)},Vt=(n,e)=>{if(fe)n.adoptedStyleSheets=e.map(t=>t instanceof CSSStyleSheet?t:t.styleSheet);else for(let t of e){let s=document.createElement("style"),i=me.litNonce;i!==void 0&&s.setAttribute("nonce",i),s.textContent=t.cssText,n.appendChild(s)}},Je=fe?n=>n:n=>n instanceof CSSStyleSheet?(e=>{let t="";for(let s of e.cssRules)t+=s.cssText;return Wt(t)})(n):n;var{is:gi,defineProperty:bi,getOwnPropertyDescriptor:_i,getOwnPropertyNames:yi,getOwnPropertySymbols:vi,getPrototypeOf:wi}=Object,ge=globalThis,Gt=ge.trustedTypes,$i=Gt?Gt.emptyScript:"",ki=ge.reactiveElementPolyfillSupport,ie=(n,e)=>n,Ze={toAttribute(n,e){switch(e){case Boolean:n=n?$i:null;break;case Object:case Array:n=n==null?n:JSON.stringify(n)}return n},fromAttribute(n,e){let t=n;switch(e){case Boolean:t=n!==null;break;case Number:t=n===null?null:Number(n);break;case Object:case Array:try{t=JSON.parse(n)}catch{t=null}}return t}},Jt=(n,e)=>!gi(n,e),Yt={attribute:!0,type:String,converter:Ze,reflect:!1,useDefault:!1,hasChanged:Jt};Symbol.metadata??=Symbol("metadata"),ge.litPropertyMetadata??=new WeakMap;var q=class extends HTMLElement{static addInitializer(e){this._$Ei(),(this.l??=[]).push(e)}static get observedAttributes(){return this.finalize(),this._$Eh&&[...this._$Eh.keys()]}static createProperty(e,t=Yt){if(t.state&&(t.attribute=!1),this._$Ei(),this.prototype.hasOwnProperty(e)&&((t=Object.create(t)).wrapped=!0),this.elementProperties.set(e,t),!t.noAccessor){let s=Symbol(),i=this.getPropertyDescriptor(e,s,t);i!==void 0&&bi(this.prototype,e,i)}}static getPropertyDescriptor(e,t,s){let{get:i,set:r}=_i(this.prototype,e)??{get(){return this[t]},set(a){this[t]=a}};return{get:i,set(a){let l=i?.call(this);r?.call(this,a),this.requestUpdate(e,l,s)},configurable:!0,enumerable:!0}}static getPropertyOptions(e){return this.elementProperties.get(e)??Yt}static _$Ei(){if(this.hasOwnProperty(ie("elementProperties")))return;let e=wi(this);e.finalize(),e.l!==void 0&&(this.l=[...e.l]),this.elementProperties=new Map(e.elementProperties)}static finalize(){if(this.hasOwnProperty(ie("finalized")))return;if(this.finalized=!0,this._$Ei(),this.hasOwnProperty(ie("properties"))){let t=this.properties,s=[...yi(t),...vi(t)];for(let i of s)this.createProperty(i,t[i])}let e=this[Symbol.metadata];if(e!==null){let t=litPropertyMetadata.get(e);if(t!==void 0)for(let[s,i]of t)this.elementProperties.set(s,i)}this._$Eh=new Map;for(let[t,s]of this.elementProperties){let i=this._$Eu(t,s);i!==void 0&&this._$Eh.set(i,t)}this.elementStyles=this.finalizeStyles(this.styles)}static finalizeStyles(e){let t=[];if(Array.isArray(e)){let s=new Set(e.flat(1/0).reverse());for(let i of s)t.unshift(Je(i))}else e!==void 0&&t.push(Je(e));return t}static _$Eu(e,t){let s=t.attribute;return s===!1?void 0:typeof s=="string"?s:typeof e=="string"?e.toLowerCase():void 0}constructor(){super(),this._$Ep=void 0,this.isUpdatePending=!1,this.hasUpdated=!1,this._$Em=null,this._$Ev()}_$Ev(){this._$ES=new Promise(e=>this.enableUpdating=e),this._$AL=new Map,this._$E_(),this.requestUpdate(),this.constructor.l?.forEach(e=>e(this))}addController(e){(this._$EO??=new Set).add(e),this.renderRoot!==void 0&&this.isConnected&&e.hostConnected?.()}removeController(e){this._$EO?.delete(e)}_$E_(){let e=new Map,t=this.constructor.elementProperties;for(let s of t.keys())this.hasOwnProperty(s)&&(e.set(s,this[s]),delete this[s]);e.size>0&&(this._$Ep=e)}createRenderRoot(){let e=this.shadowRoot??this.attachShadow(this.constructor.shadowRootOptions);return Vt(e,this.constructor.elementStyles),e}connectedCallback(){this.renderRoot??=this.createRenderRoot(),this.enableUpdating(!0),this._$EO?.forEach(e=>e.hostConnected?.())}enableUpdating(e){}disconnectedCallback(){this._$EO?.forEach(e=>e.hostDisconnected?.())}attributeChangedCallback(e,t,s){this._$AK(e,s)}_$ET(e,t){let s=this.constructor.elementProperties.get(e),i=this.constructor._$Eu(e,s);if(i!==void 0&&s.reflect===!0){let r=(s.converter?.toAttribute!==void 0?s.converter:Ze).toAttribute(t,s.type);this._$Em=e,r==null?this.removeAttribute(i):this.setAttribute(i,r),this._$Em=null}}_$AK(e,t){let s=this.constructor,i=s._$Eh.get(e);if(i!==void 0&&this._$Em!==i){let r=s.getPropertyOptions(i),a=typeof r.converter=="function"?{fromAttribute:r.converter}:r.converter?.fromAttribute!==void 0?r.converter:Ze;this._$Em=i;let l=a.fromAttribute(t,r.type);this[i]=l??this._$Ej?.get(i)??l,this._$Em=null}}requestUpdate(e,t,s,i=!1,r){if(e!==void 0){let a=this.constructor;if(i===!1&&(r=this[e]),s??=a.getPropertyOptions(e),!((s.hasChanged??Jt)(r,t)||s.useDefault&&s.reflect&&r===this._$Ej?.get(e)&&!this.hasAttribute(a._$Eu(e,s))))return;this.C(e,t,s)}this.isUpdatePending===!1&&(this._$ES=this._$EP())}C(e,t,{useDefault:s,reflect:i,wrapped:r},a){s&&!(this._$Ej??=new Map).has(e)&&(this._$Ej.set(e,a??t??this[e]),r!==!0||a!==void 0)||(this._$AL.has(e)||(this.hasUpdated||s||(t=void 0),this._$AL.set(e,t)),i===!0&&this._$Em!==e&&(this._$Eq??=new Set).add(e))}async _$EP(){this.isUpdatePending=!0;try{await this._$ES}catch(t){Promise.reject(t)}let e=this.scheduleUpdate();return e!=null&&await e,!this.isUpdatePending}scheduleUpdate(){return this.performUpdate()}performUpdate(){if(!this.isUpdatePending)return;if(!this.hasUpdated){if(this.renderRoot??=this.createRenderRoot(),this._$Ep){for(let[i,r]of this._$Ep)this[i]=r;this._$Ep=void 0}let s=this.constructor.elementProperties;if(s.size>0)for(let[i,r]of s){let{wrapped:a}=r,l=this[i];a!==!0||this._$AL.has(i)||l===void 0||this.C(i,void 0,r,l)}}let e=!1,t=this._$AL;try{e=this.shouldUpdate(t),e?(this.willUpdate(t),this._$EO?.forEach(s=>s.hostUpdate?.()),this.update(t)):this._$EM()}catch(s){throw e=!1,this._$EM(),s}e&&this._$AE(t)}willUpdate(e){}_$AE(e){this._$EO?.forEach(t=>t.hostUpdated?.()),this.hasUpdated||(this.hasUpdated=!0,this.firstUpdated(e)),this.updated(e)}_$EM(){this._$AL=new Map,this.isUpdatePending=!1}get updateComplete(){return this.getUpdateComplete()}getUpdateComplete(){return this._$ES}shouldUpdate(e){return!0}update(e){this._$Eq&&=this._$Eq.forEach(t=>this._$ET(t,this[t])),this._$EM()}updated(e){}firstUpdated(e){}};q.elementStyles=[],q.shadowRootOptions={mode:"open"},q[ie("elementProperties")]=new Map,q[ie("finalized")]=new Map,ki?.({ReactiveElement:q}),(ge.reactiveElementVersions??=[]).push("2.1.2");var Xe=globalThis,Zt=n=>n,be=Xe.trustedTypes,Qt=be?be.createPolicy("lit-html",{createHTML:n=>n}):void 0,et="$lit$",L=`lit$${Math.random().toFixed(9).slice(2)}$`,tt="?"+L,Si=`<${tt}>`,z=document,re=()=>z.createComment(""),oe=n=>n===null||typeof n!="object"&&typeof n!="function",st=Array.isArray,ns=n=>st(n)||typeof n?.[Symbol.iterator]=="function",Qe=`[ 	
\f\r]`,ne=/<(?:(!--|\/[^a-zA-Z])|(\/?[a-zA-Z][^>\s]*)|(\/?$))/g,Xt=/-->/g,es=/>/g,M=RegExp(`>|${Qe}(?:([^\\s"'>=/]+)(${Qe}*=${Qe}*(?:[^ 	
\f\r"'\`<>=]|("|')|))|$)`,"g"),ts=/'/g,ss=/"/g,rs=/^(?:script|style|textarea|title)$/i,it=n=>(e,...t)=>({_$litType$:n,strings:e,values:t}),h=it(1),pn=it(2),mn=it(3),j=Symbol.for("lit-noChange"),u=Symbol.for("lit-nothing"),is=new WeakMap,B=z.createTreeWalker(z,129);function os(n,e){if(!st(n)||!n.hasOwnProperty("raw"))throw Error("invalid template strings array");return Qt!==void 0?Qt.createHTML(e):e}var as=(n,e)=>{let t=n.length-1,s=[],i,r=e===2?"<svg>":e===3?"<math>":"",a=ne;for(let l=0;l<t;l++){let c=n[l],d,_,p=-1,f=0;for(;f<c.length&&(a.lastIndex=f,_=a.exec(c),_!==null);)f=a.lastIndex,a===ne?_[1]==="!--"?a=Xt:_[1]!==void 0?a=es:_[2]!==void 0?(rs.test(_[2])&&(i=RegExp("</"+_[2],"g")),a=M):_[3]!==void 0&&(a=M):a===M?_[0]===">"?(a=i??ne,p=-1):_[1]===void 0?p=-2:(p=a.lastIndex-_[2].length,d=_[1],a=_[3]===void 0?M:_[3]==='"'?ss:ts):a===ss||a===ts?a=M:a===Xt||a===es?a=ne:(a=M,i=void 0);let m=a===M&&n[l+1].startsWith("/>")?" ":"";r+=a===ne?c+Si:p>=0?(s.push(d),c.slice(0,p)+et+c.slice(p)+L+m):c+L+(p===-2?l:m)}return[os(n,r+(n[t]||"<?>")+(e===2?"</svg>":e===3?"</math>":"")),s]},ae=class n{constructor({strings:e,_$litType$:t},s){let i;this.parts=[];let r=0,a=0,l=e.length-1,c=this.parts,[d,_]=as(e,t);if(this.el=n.createElement(d,s),B.currentNode=this.el.content,t===2||t===3){let p=this.el.content.firstChild;p.replaceWith(...p.childNodes)}for(;(i=B.nextNode())!==null&&c.length<l;){if(i.nodeType===1){if(i.hasAttributes())for(let p of i.getAttributeNames())if(p.endsWith(et)){let f=_[a++],m=i.getAttribute(p).split(L),b=/([.?@])?(.*)/.exec(f);c.push({type:1,index:r,name:b[2],strings:m,ctor:b[1]==="."?ye:b[1]==="?"?ve:b[1]==="@"?we:H}),i.removeAttribute(p)}else p.startsWith(L)&&(c.push({type:6,index:r}),i.removeAttribute(p));if(rs.test(i.tagName)){let p=i.textContent.split(L),f=p.length-1;if(f>0){i.textContent=be?be.emptyScript:"";for(let m=0;m<f;m++)i.append(p[m],re()),B.nextNode(),c.push({type:2,index:++r});i.append(p[f],re())}}}else if(i.nodeType===8)if(i.data===tt)c.push({type:2,index:r});else{let p=-1;for(;(p=i.data.indexOf(L,p+1))!==-1;)c.push({type:7,index:r}),p+=L.length-1}r++}}static createElement(e,t){let s=z.createElement("template");return s.innerHTML=e,s}};function K(n,e,t=n,s){if(e===j)return e;let i=s!==void 0?t._$Co?.[s]:t._$Cl,r=oe(e)?void 0:e._$litDirective$;return i?.constructor!==r&&(i?._$AO?.(!1),r===void 0?i=void 0:(i=new r(n),i._$AT(n,t,s)),s!==void 0?(t._$Co??=[])[s]=i:t._$Cl=i),i!==void 0&&(e=K(n,i._$AS(n,e.values),i,s)),e}var _e=class{constructor(e,t){this._$AV=[],this._$AN=void 0,this._$AD=e,this._$AM=t}get parentNode(){return this._$AM.parentNode}get _$AU(){return this._$AM._$AU}u(e){let{el:{content:t},parts:s}=this._$AD,i=(e?.creationScope??z).importNode(t,!0);B.currentNode=i;let r=B.nextNode(),a=0,l=0,c=s[0];for(;c!==void 0;){if(a===c.index){let d;c.type===2?d=new J(r,r.nextSibling,this,e):c.type===1?d=new c.ctor(r,c.name,c.strings,this,e):c.type===6&&(d=new $e(r,this,e)),this._$AV.push(d),c=s[++l]}a!==c?.index&&(r=B.nextNode(),a++)}return B.currentNode=z,i}p(e){let t=0;for(let s of this._$AV)s!==void 0&&(s.strings!==void 0?(s._$AI(e,s,t),t+=s.strings.length-2):s._$AI(e[t])),t++}},J=class n{get _$AU(){return this._$AM?._$AU??this._$Cv}constructor(e,t,s,i){this.type=2,this._$AH=u,this._$AN=void 0,this._$AA=e,this._$AB=t,this._$AM=s,this.options=i,this._$Cv=i?.isConnected??!0}get parentNode(){let e=this._$AA.parentNode,t=this._$AM;return t!==void 0&&e?.nodeType===11&&(e=t.parentNode),e}get startNode(){return this._$AA}get endNode(){return this._$AB}_$AI(e,t=this){e=K(this,e,t),oe(e)?e===u||e==null||e===""?(this._$AH!==u&&this._$AR(),this._$AH=u):e!==this._$AH&&e!==j&&this._(e):e._$litType$!==void 0?this.$(e):e.nodeType!==void 0?this.T(e):ns(e)?this.k(e):this._(e)}O(e){return this._$AA.parentNode.insertBefore(e,this._$AB)}T(e){this._$AH!==e&&(this._$AR(),this._$AH=this.O(e))}_(e){this._$AH!==u&&oe(this._$AH)?this._$AA.nextSibling.data=e:this.T(z.createTextNode(e)),this._$AH=e}$(e){let{values:t,_$litType$:s}=e,i=typeof s=="number"?this._$AC(e):(s.el===void 0&&(s.el=ae.createElement(os(s.h,s.h[0]),this.options)),s);if(this._$AH?._$AD===i)this._$AH.p(t);else{let r=new _e(i,this),a=r.u(this.options);r.p(t),this.T(a),this._$AH=r}}_$AC(e){let t=is.get(e.strings);return t===void 0&&is.set(e.strings,t=new ae(e)),t}k(e){st(this._$AH)||(this._$AH=[],this._$AR());let t=this._$AH,s,i=0;for(let r of e)i===t.length?t.push(s=new n(this.O(re()),this.O(re()),this,this.options)):s=t[i],s._$AI(r),i++;i<t.length&&(this._$AR(s&&s._$AB.nextSibling,i),t.length=i)}_$AR(e=this._$AA.nextSibling,t){for(this._$AP?.(!1,!0,t);e!==this._$AB;){let s=Zt(e).nextSibling;Zt(e).remove(),e=s}}setConnected(e){this._$AM===void 0&&(this._$Cv=e,this._$AP?.(e))}},H=class{get tagName(){return this.element.tagName}get _$AU(){return this._$AM._$AU}constructor(e,t,s,i,r){this.type=1,this._$AH=u,this._$AN=void 0,this.element=e,this.name=t,this._$AM=i,this.options=r,s.length>2||s[0]!==""||s[1]!==""?(this._$AH=Array(s.length-1).fill(new String),this.strings=s):this._$AH=u}_$AI(e,t=this,s,i){let r=this.strings,a=!1;if(r===void 0)e=K(this,e,t,0),a=!oe(e)||e!==this._$AH&&e!==j,a&&(this._$AH=e);else{let l=e,c,d;for(e=r[0],c=0;c<r.length-1;c++)d=K(this,l[s+c],t,c),d===j&&(d=this._$AH[c]),a||=!oe(d)||d!==this._$AH[c],d===u?e=u:e!==u&&(e+=(d??"")+r[c+1]),this._$AH[c]=d}a&&!i&&this.j(e)}j(e){e===u?this.element.removeAttribute(this.name):this.element.setAttribute(this.name,e??"")}},ye=class extends H{constructor(){super(...arguments),this.type=3}j(e){this.element[this.name]=e===u?void 0:e}},ve=class extends H{constructor(){super(...arguments),this.type=4}j(e){this.element.toggleAttribute(this.name,!!e&&e!==u)}},we=class extends H{constructor(e,t,s,i,r){super(e,t,s,i,r),this.type=5}_$AI(e,t=this){if((e=K(this,e,t,0)??u)===j)return;let s=this._$AH,i=e===u&&s!==u||e.capture!==s.capture||e.once!==s.once||e.passive!==s.passive,r=e!==u&&(s===u||i);i&&this.element.removeEventListener(this.name,this,s),r&&this.element.addEventListener(this.name,this,e),this._$AH=e}handleEvent(e){typeof this._$AH=="function"?this._$AH.call(this.options?.host??this.element,e):this._$AH.handleEvent(e)}},$e=class{constructor(e,t,s){this.element=e,this.type=6,this._$AN=void 0,this._$AM=t,this.options=s}get _$AU(){return this._$AM._$AU}_$AI(e){K(this,e)}},ls={M:et,P:L,A:tt,C:1,L:as,R:_e,D:ns,V:K,I:J,H,N:ve,U:we,B:ye,F:$e},xi=Xe.litHtmlPolyfillSupport;xi?.(ae,J),(Xe.litHtmlVersions??=[]).push("3.3.3");var cs=(n,e,t)=>{let s=t?.renderBefore??e,i=s._$litPart$;if(i===void 0){let r=t?.renderBefore??null;s._$litPart$=i=new J(e.insertBefore(re(),r),r,void 0,t??{})}return i._$AI(n),i};var nt=globalThis,y=class extends q{constructor(){super(...arguments),this.renderOptions={host:this},this._$Do=void 0}createRenderRoot(){let e=super.createRenderRoot();return this.renderOptions.renderBefore??=e.firstChild,e}update(e){let t=this.render();this.hasUpdated||(this.renderOptions.isConnected=this.isConnected),super.update(e),this._$Do=cs(t,this.renderRoot,this.renderOptions)}connectedCallback(){super.connectedCallback(),this._$Do?.setConnected(!0)}disconnectedCallback(){super.disconnectedCallback(),this._$Do?.setConnected(!1)}render(){return j}};y._$litElement$=!0,y.finalized=!0,nt.litElementHydrateSupport?.({LitElement:y});var Ai=nt.litElementPolyfillSupport;Ai?.({LitElement:y});(nt.litElementVersions??=[]).push("4.2.2");var x=class n extends Error{constructor(e){super("ClientResponseError"),this.url="",this.status=0,this.response={},this.isAbort=!1,this.originalError=null,Object.setPrototypeOf(this,n.prototype),e!==null&&typeof e=="object"&&(this.originalError=e.originalError,this.url=typeof e.url=="string"?e.url:"",this.status=typeof e.status=="number"?e.status:0,this.isAbort=!!e.isAbort||e.name==="AbortError"||e.message==="Aborted",e.response!==null&&typeof e.response=="object"?this.response=e.response:e.data!==null&&typeof e.data=="object"?this.response=e.data:this.response={}),this.originalError||e instanceof n||(this.originalError=e),this.name="ClientResponseError "+this.status,this.message=this.response?.message,this.message||(this.isAbort?this.message="The request was aborted (most likely autocancelled; you can find more info in https://github.com/pocketbase/js-sdk#auto-cancellation).":this.originalError?.cause?.message?.includes("ECONNREFUSED ::1")?this.message="Failed to connect to the PocketBase server. Try changing the SDK URL from localhost to 127.0.0.1 (https://github.com/pocketbase/js-sdk/issues/21).":this.message="Something went wrong."),this.cause=this.originalError}get data(){return this.response}toJSON(){return{...this}}},ke=/^[\u0009\u0020-\u007e\u0080-\u00ff]+$/;function Ei(n,e){let t={};if(typeof n!="string")return t;let s=Object.assign({},e||{}).decode||Ci,i=0;for(;i<n.length;){let r=n.indexOf("=",i);if(r===-1)break;let a=n.indexOf(";",i);if(a===-1)a=n.length;else if(a<r){i=n.lastIndexOf(";",r-1)+1;continue}let l=n.slice(i,r).trim();if(t[l]===void 0){let c=n.slice(r+1,a).trim();c.charCodeAt(0)===34&&(c=c.slice(1,-1));try{t[l]=s(c)}catch{t[l]=c}}i=a+1}return t}function hs(n,e,t){let s=Object.assign({},t||{}),i=s.encode||Ti;if(!ke.test(n))throw new TypeError("argument name is invalid");let r=i(e);if(r&&!ke.test(r))throw new TypeError("argument val is invalid");let a=n+"="+r;if(s.maxAge!=null){let l=s.maxAge-0;if(isNaN(l)||!isFinite(l))throw new TypeError("option maxAge is invalid");a+="; Max-Age="+Math.floor(l)}if(s.domain){if(!ke.test(s.domain))throw new TypeError("option domain is invalid");a+="; Domain="+s.domain}if(s.path){if(!ke.test(s.path))throw new TypeError("option path is invalid");a+="; Path="+s.path}if(s.expires){if(!(function(c){return Object.prototype.toString.call(c)==="[object Date]"||c instanceof Date})(s.expires)||isNaN(s.expires.valueOf()))throw new TypeError("option expires is invalid");a+="; Expires="+s.expires.toUTCString()}if(s.httpOnly&&(a+="; HttpOnly"),s.secure&&(a+="; Secure"),s.priority)switch(typeof s.priority=="string"?s.priority.toLowerCase():s.priority){case"low":a+="; Priority=Low";break;case"medium":a+="; Priority=Medium";break;case"high":a+="; Priority=High";break;default:throw new TypeError("option priority is invalid")}if(s.sameSite)switch(typeof s.sameSite=="string"?s.sameSite.toLowerCase():s.sameSite){case!0:a+="; SameSite=Strict";break;case"lax":a+="; SameSite=Lax";break;case"strict":a+="; SameSite=Strict";break;case"none":a+="; SameSite=None";break;default:throw new TypeError("option sameSite is invalid")}return a}function Ci(n){return n.indexOf("%")!==-1?decodeURIComponent(n):n}function Ti(n){return encodeURIComponent(n)}var Oi=typeof navigator<"u"&&navigator.product==="ReactNative"||typeof global<"u"&&global.HermesInternal,fs;function Z(n){if(n)try{let e=decodeURIComponent(fs(n.split(".")[1]).split("").map((function(t){return"%"+("00"+t.charCodeAt(0).toString(16)).slice(-2)})).join(""));return JSON.parse(e)||{}}catch{}return{}}function gs(n,e=0){let t=Z(n);return!(Object.keys(t).length>0&&(!t.exp||t.exp-e>Date.now()/1e3))}fs=typeof atob!="function"||Oi?n=>{let e=String(n).replace(/=+$/,"");if(e.length%4==1)throw new Error("'atob' failed: The string to be decoded is not correctly encoded.");for(var t,s,i=0,r=0,a="";s=e.charAt(r++);~s&&(t=i%4?64*t+s:s,i++%4)?a+=String.fromCharCode(255&t>>(-2*i&6)):0)s="ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=".indexOf(s);return a}:atob;var ds="pb_auth",le=class{constructor(){this.baseToken="",this.baseModel=null,this._onChangeCallbacks=[]}get token(){return this.baseToken}get record(){return this.baseModel}get model(){return this.baseModel}get isValid(){return!gs(this.token)}get isSuperuser(){let e=Z(this.token);return e.type=="auth"&&(this.record?.collectionName=="_superusers"||!this.record?.collectionName&&e.collectionId=="pbc_3142635823")}get isAdmin(){return console.warn("Please replace pb.authStore.isAdmin with pb.authStore.isSuperuser OR simply check the value of pb.authStore.record?.collectionName"),this.isSuperuser}get isAuthRecord(){return console.warn("Please replace pb.authStore.isAuthRecord with !pb.authStore.isSuperuser OR simply check the value of pb.authStore.record?.collectionName"),Z(this.token).type=="auth"&&!this.isSuperuser}save(e,t){this.baseToken=e||"",this.baseModel=t||null,this.triggerChange()}clear(){this.baseToken="",this.baseModel=null,this.triggerChange()}loadFromCookie(e,t=ds){let s=Ei(e||"")[t]||"",i={};try{i=JSON.parse(s),(typeof i===null||typeof i!="object"||Array.isArray(i))&&(i={})}catch{}this.save(i.token||"",i.record||i.model||null)}exportToCookie(e,t=ds){let s={secure:!0,sameSite:!0,httpOnly:!0,path:"/"},i=Z(this.token);s.expires=i?.exp?new Date(1e3*i.exp):new Date("1970-01-01"),e=Object.assign({},s,e);let r={token:this.token,record:this.record?JSON.parse(JSON.stringify(this.record)):null},a=hs(t,JSON.stringify(r),e),l=typeof Blob<"u"?new Blob([a]).size:a.length;if(r.record&&l>4096){r.record={id:r.record?.id,email:r.record?.email};let c=["collectionId","collectionName","verified"];for(let d in this.record)c.includes(d)&&(r.record[d]=this.record[d]);a=hs(t,JSON.stringify(r),e)}return a}onChange(e,t=!1){return this._onChangeCallbacks.push(e),t&&e(this.token,this.record),()=>{for(let s=this._onChangeCallbacks.length-1;s>=0;s--)if(this._onChangeCallbacks[s]==e)return delete this._onChangeCallbacks[s],void this._onChangeCallbacks.splice(s,1)}}triggerChange(){for(let e of this._onChangeCallbacks)e&&e(this.token,this.record)}},ot=class extends le{constructor(e="pocketbase_auth"){super(),this.storageFallback={},this.storageKey=e,this._bindStorageEvent()}get token(){return(this._storageGet(this.storageKey)||{}).token||""}get record(){let e=this._storageGet(this.storageKey)||{};return e.record||e.model||null}get model(){return this.record}save(e,t){this._storageSet(this.storageKey,{token:e,record:t}),super.save(e,t)}clear(){this._storageRemove(this.storageKey),super.clear()}_storageGet(e){if(typeof window<"u"&&window?.localStorage){let t=window.localStorage.getItem(e)||"";try{return JSON.parse(t)}catch{return t}}return this.storageFallback[e]}_storageSet(e,t){if(typeof window<"u"&&window?.localStorage){let s=t;typeof t!="string"&&(s=JSON.stringify(t)),window.localStorage.setItem(e,s)}else this.storageFallback[e]=t}_storageRemove(e){typeof window<"u"&&window?.localStorage&&window.localStorage?.removeItem(e),delete this.storageFallback[e]}_bindStorageEvent(){typeof window<"u"&&window?.localStorage&&window.addEventListener&&window.addEventListener("storage",(e=>{if(e.key!=this.storageKey)return;let t=this._storageGet(this.storageKey)||{};super.save(t.token||"",t.record||t.model||null)}))}},T=class{constructor(e){this.client=e}},at=class extends T{async getAll(e){return e=Object.assign({method:"GET"},e),this.client.send("/api/settings",e)}async update(e,t){return t=Object.assign({method:"PATCH",body:e},t),this.client.send("/api/settings",t)}async testS3(e="storage",t){return t=Object.assign({method:"POST",body:{filesystem:e}},t),this.client.send("/api/settings/test/s3",t).then((()=>!0))}async testEmail(e,t,s,i){return i=Object.assign({method:"POST",body:{email:t,template:s,collection:e}},i),this.client.send("/api/settings/test/email",i).then((()=>!0))}async generateAppleClientSecret(e,t,s,i,r,a){return a=Object.assign({method:"POST",body:{clientId:e,teamId:t,keyId:s,privateKey:i,duration:r}},a),this.client.send("/api/settings/apple/generate-client-secret",a)}},Ri=["requestKey","$cancelKey","$autoCancel","fetch","headers","body","query","params","cache","credentials","headers","integrity","keepalive","method","mode","redirect","referrer","referrerPolicy","signal","window"];function vt(n){if(n){n.query=n.query||{};for(let e in n)Ri.includes(e)||(n.query[e]=n[e],delete n[e])}}function wt(n){let e=[];for(let t in n){let s=encodeURIComponent(t),i=Array.isArray(n[t])?n[t]:[n[t]];for(let r of i)r=Pi(r),r!==null&&e.push(s+"="+r)}return e.join("&")}function Pi(n){return n==null?null:n instanceof Date?encodeURIComponent(n.toISOString().replace("T"," ")):encodeURIComponent(typeof n=="object"?JSON.stringify(n):n)}var Se=class extends T{constructor(){super(...arguments),this.clientId="",this.eventSource=null,this.subscriptions={},this.lastSentSubscriptions=[],this.maxConnectTimeout=15e3,this.reconnectAttempts=0,this.maxReconnectAttempts=1/0,this.predefinedReconnectIntervals=[200,300,500,1e3,1200,1500,2e3],this.pendingConnects=[],this.pendingSubmits=[],this.isProcessingPendingSubmits=!1}get isConnected(){return!!this.eventSource&&!!this.clientId&&!this.pendingConnects.length}async subscribe(e,t,s){if(!e)throw new Error("topic must be set.");let i=e;if(s){vt(s=Object.assign({},s));let a="options="+encodeURIComponent(JSON.stringify({query:s.query,headers:s.headers}));i+=(i.includes("?")?"&":"?")+a}let r=function(a){let l=a,c;try{c=JSON.parse(l?.data)}catch{}t(c||{})};return this.subscriptions[i]||(this.subscriptions[i]=[]),this.subscriptions[i].push(r),this.isConnected?this.subscriptions[i].length===1?await this.submitSubscriptions():this.eventSource?.addEventListener(i,r):await this.connect(),async()=>this.unsubscribeByTopicAndListener(e,r)}async unsubscribe(e){if(e){let t=this.getSubscriptionsByTopic(e);for(let s in t)if(this.hasSubscriptionListeners(s)){for(let i of this.subscriptions[s])this.eventSource?.removeEventListener(s,i);delete this.subscriptions[s]}}else this.subscriptions={};await this.submitSubscriptions()}async unsubscribeByPrefix(e){let t=!1;for(let s in this.subscriptions)if((s+"?").startsWith(e)){t=!0;for(let i of this.subscriptions[s])this.eventSource?.removeEventListener(s,i);delete this.subscriptions[s]}t&&await this.submitSubscriptions()}async unsubscribeByTopicAndListener(e,t){let s=this.getSubscriptionsByTopic(e);for(let i in s){if(!Array.isArray(this.subscriptions[i])||!this.subscriptions[i].length)continue;let r=!1;for(let a=this.subscriptions[i].length-1;a>=0;a--)this.subscriptions[i][a]===t&&(r=!0,delete this.subscriptions[i][a],this.subscriptions[i].splice(a,1),this.eventSource?.removeEventListener(i,t));r&&(this.subscriptions[i].length||delete this.subscriptions[i])}await this.submitSubscriptions()}hasSubscriptionListeners(e){if(this.subscriptions=this.subscriptions||{},e)return!!this.subscriptions[e]?.length;for(let t in this.subscriptions)if(this.subscriptions[t]?.length)return!0;return!1}async submitSubscriptions(){return new Promise(((e,t)=>{this.pendingSubmits.push({resolve:e,reject:t}),this.pendingSubmits.length==1&&queueMicrotask((()=>this.finalizePendingSubscriptions()))}))}async finalizePendingSubscriptions(){if(this.isProcessingPendingSubmits||!this.pendingSubmits.length)return;let e=this.pendingSubmits.slice();this.pendingSubmits=[],this.isProcessingPendingSubmits=!0;try{await this.sendSubscriptions();for(let t of e)t.resolve()}catch(t){for(let s of e)t?s.reject(t):s.resolve()}finally{this.isProcessingPendingSubmits=!1,this.pendingSubmits.length>0&&await this.finalizePendingSubscriptions()}}getSubscriptionsCancelKey(){return"realtime_"+this.clientId}getSubscriptionsByTopic(e){let t={};e=e.includes("?")?e:e+"?";for(let s in this.subscriptions)(s+"?").startsWith(e)&&(t[s]=this.subscriptions[s]);return t}getNonEmptySubscriptionKeys(){let e=[];for(let t in this.subscriptions)this.subscriptions[t].length&&e.push(t);return e}hasUnsentSubscriptions(){let e=this.getNonEmptySubscriptionKeys();if(e.length!=this.lastSentSubscriptions.length)return!0;for(let t of e)if(!this.lastSentSubscriptions.includes(t))return!0;return!1}async sendSubscriptions(){if(this.clientId){if(!this.hasSubscriptionListeners())return this.disconnect();if(this.hasUnsentSubscriptions())return this.addAllSubscriptionListeners(),this.lastSentSubscriptions=this.getNonEmptySubscriptionKeys(),this.client.send("/api/realtime",{method:"POST",body:{clientId:this.clientId,subscriptions:this.lastSentSubscriptions},requestKey:this.getSubscriptionsCancelKey()}).catch((e=>{if(!e?.isAbort)throw e}))}}addAllSubscriptionListeners(){if(this.eventSource){this.removeAllSubscriptionListeners();for(let e in this.subscriptions)for(let t of this.subscriptions[e])this.eventSource.addEventListener(e,t)}}removeAllSubscriptionListeners(){if(this.eventSource)for(let e in this.subscriptions)for(let t of this.subscriptions[e])this.eventSource.removeEventListener(e,t)}async connect(){if(!(this.reconnectAttempts>0))return new Promise(((e,t)=>{this.pendingConnects.push({resolve:e,reject:t}),this.pendingConnects.length==1&&queueMicrotask((()=>this.initConnect()))}))}initConnect(){this.disconnect(!0),clearTimeout(this.connectTimeoutId),this.connectTimeoutId=setTimeout((()=>{this.connectErrorHandler(new Error("EventSource connect took too long."))}),this.maxConnectTimeout),this.eventSource=new EventSource(this.client.buildURL("/api/realtime")),this.eventSource.onerror=e=>{this.connectErrorHandler(new Error("Failed to establish realtime connection."))},this.eventSource.addEventListener("PB_CONNECT",(e=>{let t=e;this.clientId=t?.lastEventId,this.lastSentSubscriptions=[],this.submitSubscriptions().then((async()=>{let s=3;for(;this.hasUnsentSubscriptions()&&s>0;)s--,await this.submitSubscriptions();for(let r of this.pendingConnects)r.resolve();this.pendingConnects=[],this.reconnectAttempts=0,clearTimeout(this.reconnectTimeoutId),clearTimeout(this.connectTimeoutId);let i=this.getSubscriptionsByTopic("PB_CONNECT");for(let r in i)for(let a of i[r])a(e);this.hasUnsentSubscriptions()&&await this.submitSubscriptions()})).catch((s=>{this.clientId="",this.lastSentSubscriptions=[],this.connectErrorHandler(s)}))}))}connectErrorHandler(e){if(clearTimeout(this.connectTimeoutId),clearTimeout(this.reconnectTimeoutId),!this.clientId&&!this.reconnectAttempts||this.reconnectAttempts>this.maxReconnectAttempts){for(let s of this.pendingConnects)s.reject(new x(e));return this.pendingConnects=[],void this.disconnect()}this.disconnect(!0);let t=this.predefinedReconnectIntervals[this.reconnectAttempts]||this.predefinedReconnectIntervals[this.predefinedReconnectIntervals.length-1];this.reconnectAttempts++,this.reconnectTimeoutId=setTimeout((()=>{this.initConnect()}),t)}disconnect(e=!1){if(this.clientId&&this.onDisconnect&&this.onDisconnect(Object.keys(this.subscriptions)),clearTimeout(this.connectTimeoutId),clearTimeout(this.reconnectTimeoutId),this.removeAllSubscriptionListeners(),this.client.cancelRequest(this.getSubscriptionsCancelKey()),this.eventSource?.close(),this.eventSource=null,this.clientId="",this.lastSentSubscriptions=[],!e){this.reconnectAttempts=0;for(let t of this.pendingConnects)t.resolve();this.pendingConnects=[]}}},xe=class extends T{decode(e){return e}async getFullList(e,t){if(typeof e=="number")return this._getFullList(e,t);let s=1e3;return(t=Object.assign({},e,t)).batch&&(s=t.batch,delete t.batch),this._getFullList(s,t)}async getList(e=1,t=30,s){return(s=Object.assign({method:"GET"},s)).query=Object.assign({page:e,perPage:t},s.query),this.client.send(this.baseCrudPath,s).then((i=>(i.items=i.items?.map((r=>this.decode(r)))||[],i)))}async getFirstListItem(e,t){return(t=Object.assign({requestKey:"one_by_filter_"+this.baseCrudPath+"_"+e},t)).query=Object.assign({filter:e,skipTotal:1},t.query),this.getList(1,1,t).then((s=>{if(!s?.items?.length)throw new x({status:404,response:{code:404,message:"The requested resource wasn't found.",data:{}}});return s.items[0]}))}async getOne(e,t){if(!e)throw new x({url:this.client.buildURL(this.baseCrudPath+"/"),status:404,response:{code:404,message:"Missing required record id.",data:{}}});return t=Object.assign({method:"GET"},t),this.client.send(this.baseCrudPath+"/"+encodeURIComponent(e),t).then((s=>this.decode(s)))}async create(e,t){return t=Object.assign({method:"POST",body:e},t),this.client.send(this.baseCrudPath,t).then((s=>this.decode(s)))}async update(e,t,s){return s=Object.assign({method:"PATCH",body:t},s),this.client.send(this.baseCrudPath+"/"+encodeURIComponent(e),s).then((i=>this.decode(i)))}async delete(e,t){return t=Object.assign({method:"DELETE"},t),this.client.send(this.baseCrudPath+"/"+encodeURIComponent(e),t).then((()=>!0))}_getFullList(e=1e3,t){(t=t||{}).query=Object.assign({skipTotal:1},t.query);let s=[],i=async r=>this.getList(r,e||1e3,t).then((a=>{let l=a.items;return s=s.concat(l),l.length==a.perPage?i(r+1):s}));return i(1)}};function D(n,e,t,s){let i=s!==void 0;return i||t!==void 0?i?(console.warn(n),e.body=Object.assign({},e.body,t),e.query=Object.assign({},e.query,s),e):Object.assign(e,t):e}function rt(n){n._resetAutoRefresh?.()}var lt=class extends xe{constructor(e,t){super(e),this.collectionIdOrName=t}get baseCrudPath(){return this.baseCollectionPath+"/records"}get baseCollectionPath(){return"/api/collections/"+encodeURIComponent(this.collectionIdOrName)}get isSuperusers(){return this.collectionIdOrName=="_superusers"||this.collectionIdOrName=="_pbc_2773867675"}async subscribe(e,t,s){if(!e)throw new Error("Missing topic.");if(!t)throw new Error("Missing subscription callback.");return this.client.realtime.subscribe(this.collectionIdOrName+"/"+e,t,s)}async unsubscribe(e){return e?this.client.realtime.unsubscribe(this.collectionIdOrName+"/"+e):this.client.realtime.unsubscribeByPrefix(this.collectionIdOrName)}async getFullList(e,t){if(typeof e=="number")return super.getFullList(e,t);let s=Object.assign({},e,t);return super.getFullList(s)}async getList(e=1,t=30,s){return super.getList(e,t,s)}async getFirstListItem(e,t){return super.getFirstListItem(e,t)}async getOne(e,t){return super.getOne(e,t)}async create(e,t){return super.create(e,t)}async update(e,t,s){return super.update(e,t,s).then((i=>{if(this.client.authStore.record?.id===i?.id&&(this.client.authStore.record?.collectionId===this.collectionIdOrName||this.client.authStore.record?.collectionName===this.collectionIdOrName)){let r=Object.assign({},this.client.authStore.record.expand),a=Object.assign({},this.client.authStore.record,i);r&&(a.expand=Object.assign(r,i.expand)),this.client.authStore.save(this.client.authStore.token,a)}return i}))}async delete(e,t){return super.delete(e,t).then((s=>(!s||this.client.authStore.record?.id!==e||this.client.authStore.record?.collectionId!==this.collectionIdOrName&&this.client.authStore.record?.collectionName!==this.collectionIdOrName||this.client.authStore.clear(),s)))}authResponse(e){let t=this.decode(e?.record||{});return this.client.authStore.save(e?.token,t),Object.assign({},e,{token:e?.token||"",record:t})}async listAuthMethods(e){return e=Object.assign({method:"GET",fields:"mfa,otp,password,oauth2"},e),this.client.send(this.baseCollectionPath+"/auth-methods",e)}async authWithPassword(e,t,s){let i;s=Object.assign({method:"POST",body:{identity:e,password:t}},s),this.isSuperusers&&(i=s.autoRefreshThreshold,delete s.autoRefreshThreshold,s.autoRefresh||rt(this.client));let r=await this.client.send(this.baseCollectionPath+"/auth-with-password",s);return r=this.authResponse(r),i&&this.isSuperusers&&(function(l,c,d,_){rt(l);let p=l.beforeSend,f=l.authStore.record,m=l.authStore.onChange(((b,w)=>{(!b||w?.id!=f?.id||(w?.collectionId||f?.collectionId)&&w?.collectionId!=f?.collectionId)&&rt(l)}));l._resetAutoRefresh=function(){m(),l.beforeSend=p,delete l._resetAutoRefresh},l.beforeSend=async(b,w)=>{let G=l.authStore.token;if(w.query?.autoRefresh)return p?p(b,w):{url:b,sendOptions:w};let k=l.authStore.isValid;if(k&&gs(l.authStore.token,c))try{await d()}catch{k=!1}k||await _();let Y=w.headers||{};for(let C in Y)if(C.toLowerCase()=="authorization"&&G==Y[C]&&l.authStore.token){Y[C]=l.authStore.token;break}return w.headers=Y,p?p(b,w):{url:b,sendOptions:w}}})(this.client,i,(()=>this.authRefresh({autoRefresh:!0})),(()=>this.authWithPassword(e,t,Object.assign({autoRefresh:!0},s)))),r}async authWithOAuth2Code(e,t,s,i,r,a,l){let c={method:"POST",body:{provider:e,code:t,codeVerifier:s,redirectURL:i,createData:r}};return c=D("This form of authWithOAuth2Code(provider, code, codeVerifier, redirectURL, createData?, body?, query?) is deprecated. Consider replacing it with authWithOAuth2Code(provider, code, codeVerifier, redirectURL, createData?, options?).",c,a,l),this.client.send(this.baseCollectionPath+"/auth-with-oauth2",c).then((d=>this.authResponse(d)))}authWithOAuth2(...e){if(e.length>1||typeof e?.[0]=="string")return console.warn("PocketBase: This form of authWithOAuth2() is deprecated and may get removed in the future. Please replace with authWithOAuth2Code() OR use the authWithOAuth2() realtime form as shown in https://pocketbase.io/docs/authentication/#oauth2-integration."),this.authWithOAuth2Code(e?.[0]||"",e?.[1]||"",e?.[2]||"",e?.[3]||"",e?.[4]||{},e?.[5]||{},e?.[6]||{});let t=e?.[0]||{},s=null;t.urlCallback||(s=us(void 0));let i=new Se(this.client);function r(){s?.close(),i.unsubscribe()}let a={},l=t.requestKey;return l&&(a.requestKey=l),this.listAuthMethods(a).then((c=>{let d=c.oauth2.providers.find((p=>p.name===t.provider));if(!d)throw new x(new Error(`Missing or invalid provider "${t.provider}".`));let _=this.client.buildURL("/api/oauth2-redirect");return new Promise((async(p,f)=>{let m=l?this.client.cancelControllers?.[l]:void 0;m&&(m.signal.onabort=()=>{r(),f(new x({isAbort:!0,message:"manually cancelled"}))}),i.onDisconnect=b=>{b.length&&f&&(r(),f(new x(new Error("realtime connection interrupted"))))};try{await i.subscribe("@oauth2",(async k=>{let Y=i.clientId;try{if(!k.state||Y!==k.state)throw new Error("State parameters don't match.");if(k.error||!k.code)throw new Error("OAuth2 redirect error or missing code: "+k.error);let C=Object.assign({},t);delete C.provider,delete C.scopes,delete C.createData,delete C.urlCallback,m?.signal?.onabort&&(m.signal.onabort=null);let fi=await this.authWithOAuth2Code(d.name,k.code,d.codeVerifier,_,t.createData,C);p(fi)}catch(C){f(new x(C))}r()}));let b={state:i.clientId};t.scopes?.length&&(b.scope=t.scopes.join(" "));let w=this._replaceQueryParams(d.authURL+_,b);await(t.urlCallback||function(k){s?s.location.href=k:s=us(k)})(w)}catch(b){m?.signal?.onabort&&(m.signal.onabort=null),r(),f(new x(b))}}))})).catch((c=>{throw r(),c}))}async authRefresh(e,t){let s={method:"POST"};return s=D("This form of authRefresh(body?, query?) is deprecated. Consider replacing it with authRefresh(options?).",s,e,t),this.client.send(this.baseCollectionPath+"/auth-refresh",s).then((i=>this.authResponse(i)))}async requestPasswordReset(e,t,s){let i={method:"POST",body:{email:e}};return i=D("This form of requestPasswordReset(email, body?, query?) is deprecated. Consider replacing it with requestPasswordReset(email, options?).",i,t,s),this.client.send(this.baseCollectionPath+"/request-password-reset",i).then((()=>!0))}async confirmPasswordReset(e,t,s,i,r){let a={method:"POST",body:{token:e,password:t,passwordConfirm:s}};return a=D("This form of confirmPasswordReset(token, password, passwordConfirm, body?, query?) is deprecated. Consider replacing it with confirmPasswordReset(token, password, passwordConfirm, options?).",a,i,r),this.client.send(this.baseCollectionPath+"/confirm-password-reset",a).then((()=>!0))}async requestVerification(e,t,s){let i={method:"POST",body:{email:e}};return i=D("This form of requestVerification(email, body?, query?) is deprecated. Consider replacing it with requestVerification(email, options?).",i,t,s),this.client.send(this.baseCollectionPath+"/request-verification",i).then((()=>!0))}async confirmVerification(e,t,s){let i={method:"POST",body:{token:e}};return i=D("This form of confirmVerification(token, body?, query?) is deprecated. Consider replacing it with confirmVerification(token, options?).",i,t,s),this.client.send(this.baseCollectionPath+"/confirm-verification",i).then((()=>{let r=Z(e),a=this.client.authStore.record;return a&&!a.verified&&a.id===r.id&&a.collectionId===r.collectionId&&(a.verified=!0,this.client.authStore.save(this.client.authStore.token,a)),!0}))}async requestEmailChange(e,t,s){let i={method:"POST",body:{newEmail:e}};return i=D("This form of requestEmailChange(newEmail, body?, query?) is deprecated. Consider replacing it with requestEmailChange(newEmail, options?).",i,t,s),this.client.send(this.baseCollectionPath+"/request-email-change",i).then((()=>!0))}async confirmEmailChange(e,t,s,i){let r={method:"POST",body:{token:e,password:t}};return r=D("This form of confirmEmailChange(token, password, body?, query?) is deprecated. Consider replacing it with confirmEmailChange(token, password, options?).",r,s,i),this.client.send(this.baseCollectionPath+"/confirm-email-change",r).then((()=>{let a=Z(e),l=this.client.authStore.record;return l&&l.id===a.id&&l.collectionId===a.collectionId&&this.client.authStore.clear(),!0}))}async listExternalAuths(e,t){return this.client.collection("_externalAuths").getFullList(Object.assign({},t,{filter:this.client.filter("recordRef = {:id}",{id:e})}))}async unlinkExternalAuth(e,t,s){let i=await this.client.collection("_externalAuths").getFirstListItem(this.client.filter("recordRef = {:recordId} && provider = {:provider}",{recordId:e,provider:t}));return this.client.collection("_externalAuths").delete(i.id,s).then((()=>!0))}async requestOTP(e,t){return t=Object.assign({method:"POST",body:{email:e}},t),this.client.send(this.baseCollectionPath+"/request-otp",t)}async authWithOTP(e,t,s){return s=Object.assign({method:"POST",body:{otpId:e,password:t}},s),this.client.send(this.baseCollectionPath+"/auth-with-otp",s).then((i=>this.authResponse(i)))}async impersonate(e,t,s){(s=Object.assign({method:"POST",body:{duration:t}},s)).headers=s.headers||{},s.headers.Authorization||(s.headers.Authorization=this.client.authStore.token);let i=new ce(this.client.baseURL,new le,this.client.lang),r=await i.send(this.baseCollectionPath+"/impersonate/"+encodeURIComponent(e),s);return i.authStore.save(r?.token,this.decode(r?.record||{})),i}_replaceQueryParams(e,t={}){let s=e,i="";e.indexOf("?")>=0&&(s=e.substring(0,e.indexOf("?")),i=e.substring(e.indexOf("?")+1));let r={},a=i.split("&");for(let l of a){if(l=="")continue;let c=l.split("=");r[decodeURIComponent(c[0].replace(/\+/g," "))]=decodeURIComponent((c[1]||"").replace(/\+/g," "))}for(let l in t)t.hasOwnProperty(l)&&(t[l]==null?delete r[l]:r[l]=t[l]);i="";for(let l in r)r.hasOwnProperty(l)&&(i!=""&&(i+="&"),i+=encodeURIComponent(l.replace(/%20/g,"+"))+"="+encodeURIComponent(r[l].replace(/%20/g,"+")));return i!=""?s+"?"+i:s}};function us(n){if(typeof window>"u"||!window?.open)throw new x(new Error("Not in a browser context - please pass a custom urlCallback function."));let e=1024,t=768,s=window.innerWidth,i=window.innerHeight;e=e>s?s:e,t=t>i?i:t;let r=s/2-e/2,a=i/2-t/2;return window.open(n,"popup_window","width="+e+",height="+t+",top="+a+",left="+r+",resizable,menubar=no")}var ct=class extends xe{get baseCrudPath(){return"/api/collections"}async import(e,t=!1,s){return s=Object.assign({method:"PUT",body:{collections:e,deleteMissing:t}},s),this.client.send(this.baseCrudPath+"/import",s).then((()=>!0))}async truncate(e,t){return t=Object.assign({method:"DELETE"},t),this.client.send(this.baseCrudPath+"/"+encodeURIComponent(e)+"/truncate",t).then((()=>!0))}async getScaffolds(e){return e=Object.assign({method:"GET"},e),this.client.send(this.baseCrudPath+"/meta/scaffolds",e)}async getAllOAuth2Providers(e){return e=Object.assign({method:"GET"},e),this.client.send(this.baseCrudPath+"/meta/oauth2-providers",e)}async dryRunViewQuery(e,t){return t=Object.assign({method:"POST",body:{query:e}},t),this.client.send(this.baseCrudPath+"/meta/dry-run-view",t)}},ht=class extends T{async getList(e=1,t=30,s){return(s=Object.assign({method:"GET"},s)).query=Object.assign({page:e,perPage:t},s.query),this.client.send("/api/logs",s)}async getOne(e,t){if(!e)throw new x({url:this.client.buildURL("/api/logs/"),status:404,response:{code:404,message:"Missing required log id.",data:{}}});return t=Object.assign({method:"GET"},t),this.client.send("/api/logs/"+encodeURIComponent(e),t)}async getStats(e){return e=Object.assign({method:"GET"},e),this.client.send("/api/logs/stats",e)}async truncate(e){return e=Object.assign({method:"DELETE"},e),this.client.send("/api/logs",e).then((()=>!0))}},dt=class extends T{async check(e){return e=Object.assign({method:"GET"},e),this.client.send("/api/health",e)}},ut=class extends T{getUrl(e,t,s={}){return console.warn("Please replace pb.files.getUrl() with pb.files.getURL()"),this.getURL(e,t,s)}getURL(e,t,s={}){if(!t||!e?.id||!e?.collectionId&&!e?.collectionName)return"";let i=[];i.push("api"),i.push("files"),i.push(encodeURIComponent(e.collectionId||e.collectionName)),i.push(encodeURIComponent(e.id)),i.push(encodeURIComponent(t));let r=this.client.buildURL(i.join("/"));s.download===!1&&delete s.download;let a=wt(s);return a&&(r+=(r.includes("?")?"&":"?")+a),r}async getToken(e){return e=Object.assign({method:"POST"},e),this.client.send("/api/files/token",e).then((t=>t?.token||""))}},pt=class extends T{async getFullList(e){return e=Object.assign({method:"GET"},e),this.client.send("/api/backups",e)}async create(e,t){return t=Object.assign({method:"POST",body:{name:e}},t),this.client.send("/api/backups",t).then((()=>!0))}async upload(e,t){return t=Object.assign({method:"POST",body:e},t),this.client.send("/api/backups/upload",t).then((()=>!0))}async delete(e,t){return t=Object.assign({method:"DELETE"},t),this.client.send(`/api/backups/${encodeURIComponent(e)}`,t).then((()=>!0))}async restore(e,t){return t=Object.assign({method:"POST"},t),this.client.send(`/api/backups/${encodeURIComponent(e)}/restore`,t).then((()=>!0))}getDownloadUrl(e,t){return console.warn("Please replace pb.backups.getDownloadUrl() with pb.backups.getDownloadURL()"),this.getDownloadURL(e,t)}getDownloadURL(e,t){return this.client.buildURL(`/api/backups/${encodeURIComponent(t)}?token=${encodeURIComponent(e)}`)}},mt=class extends T{async getFullList(e){return e=Object.assign({method:"GET"},e),this.client.send("/api/crons",e)}async run(e,t){return t=Object.assign({method:"POST"},t),this.client.send(`/api/crons/${encodeURIComponent(e)}`,t).then((()=>!0))}},ft=class extends T{async run(e,t){return t=Object.assign({method:"POST",body:{query:e}},t),this.client.send("/api/sql",t)}};function gt(n){return typeof Blob<"u"&&n instanceof Blob||typeof File<"u"&&n instanceof File||n!==null&&typeof n=="object"&&n.uri&&(typeof navigator<"u"&&navigator.product==="ReactNative"||typeof global<"u"&&global.HermesInternal)}function bt(n){return n&&(n.constructor?.name==="FormData"||typeof FormData<"u"&&n instanceof FormData)}function ps(n){for(let e in n){let t=Array.isArray(n[e])?n[e]:[n[e]];for(let s of t)if(gt(s))return!0}return!1}var Ui=/^[\-\.\d]+$/;function ms(n){if(typeof n!="string")return n;if(n=="true")return!0;if(n=="false")return!1;if((n[0]==="-"||n[0]>="0"&&n[0]<="9")&&Ui.test(n)){let e=+n;if(""+e===n)return e}return n}var _t=class extends T{constructor(){super(...arguments),this.requests=[],this.subs={}}collection(e){return this.subs[e]||(this.subs[e]=new yt(this.requests,e)),this.subs[e]}async send(e){let t=new FormData,s=[];for(let i=0;i<this.requests.length;i++){let r=this.requests[i];if(s.push({method:r.method,url:r.url,headers:r.headers,body:r.json}),r.files)for(let a in r.files){let l=r.files[a]||[];for(let c of l)t.append("requests."+i+"."+a,c)}}return t.append("@jsonPayload",JSON.stringify({requests:s})),e=Object.assign({method:"POST",body:t},e),this.client.send("/api/batch",e)}},yt=class{constructor(e,t){this.requests=[],this.requests=e,this.collectionIdOrName=t}upsert(e,t){t=Object.assign({body:e||{}},t);let s={method:"PUT",url:"/api/collections/"+encodeURIComponent(this.collectionIdOrName)+"/records"};this.prepareRequest(s,t),this.requests.push(s)}create(e,t){t=Object.assign({body:e||{}},t);let s={method:"POST",url:"/api/collections/"+encodeURIComponent(this.collectionIdOrName)+"/records"};this.prepareRequest(s,t),this.requests.push(s)}update(e,t,s){s=Object.assign({body:t||{}},s);let i={method:"PATCH",url:"/api/collections/"+encodeURIComponent(this.collectionIdOrName)+"/records/"+encodeURIComponent(e)};this.prepareRequest(i,s),this.requests.push(i)}delete(e,t){t=Object.assign({},t);let s={method:"DELETE",url:"/api/collections/"+encodeURIComponent(this.collectionIdOrName)+"/records/"+encodeURIComponent(e)};this.prepareRequest(s,t),this.requests.push(s)}prepareRequest(e,t){if(vt(t),e.headers=t.headers,e.json={},e.files={},t.query!==void 0){let i=wt(t.query);i&&(e.url+=(e.url.includes("?")?"&":"?")+i)}let s=t.body;bt(s)&&(s=(function(r){let a={};return r.forEach(((l,c)=>{if(c==="@jsonPayload"&&typeof l=="string")try{let d=JSON.parse(l);Object.assign(a,d)}catch(d){console.warn("@jsonPayload error:",d)}else a[c]!==void 0?(Array.isArray(a[c])||(a[c]=[a[c]]),a[c].push(ms(l))):a[c]=ms(l)})),a})(s));for(let i in s){let r=s[i];if(gt(r))e.files[i]=e.files[i]||[],e.files[i].push(r);else if(Array.isArray(r)){let a=[],l=[];for(let c of r)gt(c)?a.push(c):l.push(c);if(a.length>0&&a.length==r.length){e.files[i]=e.files[i]||[];for(let c of a)e.files[i].push(c)}else if(e.json[i]=l,a.length>0){let c=i;i.startsWith("+")||i.endsWith("+")||(c+="+"),e.files[c]=e.files[c]||[];for(let d of a)e.files[c].push(d)}}else e.json[i]=r}}};RegExp.escape||(RegExp.escape=function(n){return n.replace(/[/\-\\^$*+?.()|[\]{}]/g,"\\$&")});var ce=class{get baseUrl(){return this.baseURL}set baseUrl(e){this.baseURL=e}constructor(e="/",t,s="en-US"){this.cancelControllers={},this.recordServices={},this.enableAutoCancellation=!0,this.baseURL=e,this.lang=s,t?this.authStore=t:typeof window<"u"&&window.Deno?this.authStore=new le:this.authStore=new ot,this.collections=new ct(this),this.files=new ut(this),this.logs=new ht(this),this.settings=new at(this),this.realtime=new Se(this),this.health=new dt(this),this.backups=new pt(this),this.crons=new mt(this),this.sql=new ft(this)}get admins(){return this.collection("_superusers")}createBatch(){return new _t(this)}collection(e){return this.recordServices[e]||(this.recordServices[e]=new lt(this,e)),this.recordServices[e]}autoCancellation(e){return this.enableAutoCancellation=!!e,this}cancelRequest(e){return this.cancelControllers[e]&&(this.cancelControllers[e].abort(),delete this.cancelControllers[e]),this}cancelAllRequests(){for(let e in this.cancelControllers)this.cancelControllers[e].abort();return this.cancelControllers={},this}filter(e,t){if(!t)return e;let s={};for(let r in t)s["{:"+r+"}"]=t[r];let i=Object.keys(s).map((r=>RegExp.escape(r))).join("|");return i?e.replace(new RegExp(i,"g"),(r=>(function(l){switch(typeof l){case"boolean":case"number":return""+l;case"string":return JSON.stringify(l);default:if(l==null)return"null";if(l instanceof Date)return JSON.stringify(l.toISOString().replace("T"," "));let c=JSON.stringify(l);return c.startsWith("[")||c.startsWith("{")?JSON.stringify(c):c}})(s[r]))):e}getFileUrl(e,t,s={}){return console.warn("Please replace pb.getFileUrl() with pb.files.getURL()"),this.files.getURL(e,t,s)}buildUrl(e){return console.warn("Please replace pb.buildUrl() with pb.buildURL()"),this.buildURL(e)}buildURL(e){let t=this.baseURL;return typeof window>"u"||!window.location||t.startsWith("https://")||t.startsWith("http://")||(t=window.location.origin?.endsWith("/")?window.location.origin.substring(0,window.location.origin.length-1):window.location.origin||"",this.baseURL.startsWith("/")||(t+=window.location.pathname||"/",t+=t.endsWith("/")?"":"/"),t+=this.baseURL),e&&(t+=t.endsWith("/")?"":"/",t+=e.startsWith("/")?e.substring(1):e),t}async send(e,t){t=this.initSendOptions(e,t);let s=this.buildURL(e);if(this.beforeSend){let i=Object.assign({},await this.beforeSend(s,t));i.url!==void 0||i.options!==void 0?(s=i.url||s,t=i.options||t):Object.keys(i).length&&(t=i,console?.warn&&console.warn("Deprecated format of beforeSend return: please use `return { url, options }`, instead of `return options`."))}if(t.query!==void 0){let i=wt(t.query);i&&(s+=(s.includes("?")?"&":"?")+i),delete t.query}return this.getHeader(t.headers,"Content-Type")=="application/json"&&t.body&&typeof t.body!="string"&&(t.body=JSON.stringify(t.body)),(t.fetch||fetch)(s,t).then((async i=>{let r={};try{r=await i.json()}catch(a){if(t.signal?.aborted||a?.name=="AbortError"||a?.message=="Aborted")throw a}if(this.afterSend&&(r=await this.afterSend(i,r,t)),i.status>=400)throw new x({url:i.url,status:i.status,data:r});return r})).catch((i=>{throw new x(i)}))}initSendOptions(e,t){if((t=Object.assign({method:"GET"},t)).body=(function(i){if(typeof FormData>"u"||i===void 0||typeof i!="object"||i===null||bt(i)||!ps(i))return i;let r=new FormData;for(let a in i){let l=i[a];if(l!==void 0)if(typeof l!="object"||ps({data:l})){let c=Array.isArray(l)?l:[l];for(let d of c)r.append(a,d)}else{let c={};c[a]=l,r.append("@jsonPayload",JSON.stringify(c))}}return r})(t.body),vt(t),t.query=Object.assign({},t.params,t.query),t.requestKey===void 0&&(t.$autoCancel===!1||t.query.$autoCancel===!1?t.requestKey=null:(t.$cancelKey||t.query.$cancelKey)&&(t.requestKey=t.$cancelKey||t.query.$cancelKey)),delete t.$autoCancel,delete t.query.$autoCancel,delete t.$cancelKey,delete t.query.$cancelKey,this.getHeader(t.headers,"Content-Type")!==null||bt(t.body)||(t.headers=Object.assign({},t.headers,{"Content-Type":"application/json"})),this.getHeader(t.headers,"Accept-Language")===null&&(t.headers=Object.assign({},t.headers,{"Accept-Language":this.lang})),this.authStore.token&&this.getHeader(t.headers,"Authorization")===null&&(t.headers=Object.assign({},t.headers,{Authorization:this.authStore.token})),this.enableAutoCancellation&&t.requestKey!==null){let s=t.requestKey||(t.method||"GET")+e;delete t.requestKey,this.cancelRequest(s);let i=new AbortController;this.cancelControllers[s]=i,t.signal=i.signal}return t}getHeader(e,t){e=e||{},t=t.toLowerCase();for(let s in e)if(s.toLowerCase()==t)return e[s];return null}};var bs=Object.freeze({GOING_AWAY:1001,TOO_BIG:1009,TRY_AGAIN_LATER:1013,SLOW:4008,UNAUTHORIZED:4401,TOO_MANY_SOCKETS:4429}),v=Object.freeze({IDLE:"idle",CONNECTING:"connecting",LIVE:"live",RECONNECTING:"reconnecting",OFFLINE:"offline",UNAUTHORIZED:"unauthorized",CLOSED:"closed"}),Ni=1e3,Ae=class{constructor(e={}){if(this.options=e,this._WebSocket=e.WebSocket||globalThis.WebSocket,!this._WebSocket)throw new Error("ChatClient: no WebSocket here; pass options.WebSocket (in Node, the 'ws' package)");this._handlers=new Map,this._cursor=e.since||"",this._state=v.IDLE,this._attempt=0,this._typingAt=new Map,this._ws=null,this._timer=null,this._everReady=!1,this._paused=!1,this._onOnline=()=>this._state===v.OFFLINE&&!this._paused&&this._open(),this._onPageHide=()=>{this._state===v.CLOSED||this._state===v.UNAUTHORIZED||(this._paused=!0,clearTimeout(this._timer),this._drop(),this._setState(v.RECONNECTING))},this._onPageShow=()=>{this._paused&&(this._paused=!1,this._attempt=0,this._open())},this._onOffline=()=>{this._state===v.CLOSED||this._state===v.UNAUTHORIZED||(clearTimeout(this._timer),this._drop(),this._setState(v.OFFLINE))}}get state(){return this._state}get cursor(){return this._cursor}on(e,t){return this._handlers.has(e)||this._handlers.set(e,new Set),this._handlers.get(e).add(t),()=>this._handlers.get(e)?.delete(t)}connect(){typeof addEventListener=="function"&&typeof window<"u"&&(window.addEventListener("online",this._onOnline),window.addEventListener("offline",this._onOffline),window.addEventListener("pagehide",this._onPageHide),window.addEventListener("pageshow",this._onPageShow),document.addEventListener("freeze",this._onPageHide),document.addEventListener("resume",this._onPageShow)),this._paused=!1,clearTimeout(this._timer),this._attempt=0,this._open()}close(){clearTimeout(this._timer),typeof window<"u"&&(window.removeEventListener("online",this._onOnline),window.removeEventListener("offline",this._onOffline),window.removeEventListener("pagehide",this._onPageHide),window.removeEventListener("pageshow",this._onPageShow),document.removeEventListener("freeze",this._onPageHide),document.removeEventListener("resume",this._onPageShow)),this._drop(),this._setState(v.CLOSED)}typing(e){let t=Date.now();this._state!==v.LIVE||t-(this._typingAt.get(e)||0)<Ni||(this._typingAt.set(e,t),this._send({type:"typing",conversation:e}))}_url(){if(this.options.url)return this.options.url;let e=this.options.baseUrl||(typeof location<"u"?location.origin:"");if(!e)throw new Error("ChatClient: give options.url or options.baseUrl");let t=new URL(e.replace(/\/+$/,"")+"/api/chat/ws",typeof location<"u"?location.href:void 0);return t.protocol=t.protocol==="https:"?"wss:":"ws:",t.toString()}_token(){let{token:e,authStore:t}=this.options;return typeof e=="function"?e():e||t?.token||""}_open(){if(this._drop(),typeof navigator<"u"&&navigator.onLine===!1){this._setState(v.OFFLINE);return}this._setState(this._everReady?v.RECONNECTING:v.CONNECTING);let e;try{e=new this._WebSocket(this._url())}catch(t){this._emit("error",{type:"error",error:String(t)}),this._retry();return}this._ws=e,e.onopen=()=>{let t={type:"auth",token:this._token()};this._cursor&&(t.since=this._cursor),this._sendOn(e,t)},e.onmessage=t=>{if(e!==this._ws)return;let s;try{s=JSON.parse(typeof t.data=="string"?t.data:String(t.data))}catch{return}this._frame(s)},e.onclose=t=>{if(e===this._ws&&(this._ws=null,this._emit("close",{type:"close",code:t.code,reason:t.reason}),!(this._state===v.CLOSED||this._state===v.OFFLINE))){if(t.code===bs.UNAUTHORIZED){this._setState(v.UNAUTHORIZED);return}t.code===bs.TOO_MANY_SOCKETS&&(this._attempt=Math.max(this._attempt,5)),this._retry()}},e.onerror=()=>{}}_frame(e){if(e.cursor&&(this._cursor=e.cursor),e.type==="ready"){let t=this._everReady;this._everReady=!0,this._attempt=0,this._setState(v.LIVE),this._emit("ready",{...e,resumed:t});return}this._emit(e.type,e)}_retry(){let e=this.options.minDelay??500,t=this.options.maxDelay??15e3,s=Math.min(t,e*2**this._attempt),i=s/2+Math.random()*(s/2);this._attempt++,this._setState(v.RECONNECTING),clearTimeout(this._timer),this._timer=setTimeout(()=>this._open(),i)}_drop(){let e=this._ws;if(this._ws=null,e){e.onopen=e.onmessage=e.onclose=null,e.onerror=()=>{};try{e.close(1e3)}catch{}}}_send(e){this._ws&&this._sendOn(this._ws,e)}_sendOn(e,t){e.readyState===1&&e.send(JSON.stringify(t))}_setState(e){e!==this._state&&(this._state=e,this._emit("state",e))}_emit(e,t){for(let s of[e,"*"])if(!(s==="*"&&(e==="state"||e==="close")))for(let i of this._handlers.get(s)||[])try{i(t)}catch(r){console.error("ChatClient handler failed:",r)}}};function _s(){let n="abcdefghijklmnopqrstuvwxyz0123456789",e=new Uint8Array(15);globalThis.crypto.getRandomValues(e);let t="";for(let s of e)t+=n[s%n.length];return t}var A=class{constructor(e){this.state=e,this._listeners=new Set}subscribe(e){return this._listeners.add(e),e(this.state),()=>this._listeners.delete(e)}_set(e){this.state={...this.state,...e};for(let t of this._listeners)t(this.state)}};var ys={"A conversation":"Eine Unterhaltung","A file is at most 10 MB.":"Eine Datei darf h\xF6chstens 10 MB gro\xDF sein.","A mention of me notifies even in muted conversations":"Eine Erw\xE4hnung benachrichtigt mich auch in stummgeschalteten Unterhaltungen","A message is at most 10,000 characters.":"Eine Nachricht hat h\xF6chstens 10.000 Zeichen.","A picture is at most 5 MB.":"Ein Bild darf h\xF6chstens 5 MB gro\xDF sein.","A soft sound for new messages":"Ein leiser Ton bei neuen Nachrichten","Actions for the message by {name}":"Aktionen f\xFCr die Nachricht von {name}",Add:"Hinzuf\xFCgen","Add people by name":"Personen nach Namen hinzuf\xFCgen","Allow notifications":"Benachrichtigungen erlauben","At most {n} files to a message.":"H\xF6chstens {n} Dateien pro Nachricht.","Attach files":"Dateien anh\xE4ngen","Attachments:":"Anh\xE4nge:","Back to conversations":"Zur\xFCck zu den Unterhaltungen","Can't reach the server. Check your connection and try again.":"Der Server ist nicht erreichbar. Pr\xFCfe deine Verbindung und versuche es noch einmal.",Cancel:"Abbrechen","Cancel the reply":"Antwort verwerfen",Close:"Schlie\xDFen","Connecting\u2026":"Verbinde\u2026",Conversations:"Unterhaltungen","Conversations found":"Gefundene Unterhaltungen","Create account":"Konto anlegen",Delete:"L\xF6schen","Delete conversation":"Unterhaltung l\xF6schen","Delete this conversation and all its messages for everyone?":"Diese Unterhaltung und alle ihre Nachrichten f\xFCr alle l\xF6schen?","Delete this message for everyone?":"Diese Nachricht f\xFCr alle l\xF6schen?","Desktop notifications while pbchat is in the background":"Desktop-Benachrichtigungen, w\xE4hrend pbchat im Hintergrund ist",Discard:"Verwerfen",Edit:"Bearbeiten","Edit message":"Nachricht bearbeiten",Email:"E-Mail","Email me a digest when I've been away 15 minutes with unread messages":"Schick mir eine Zusammenfassung per E-Mail, wenn ich 15 Minuten weg war und Ungelesenes habe",Everywhere:"\xDCberall","Files to send":"Zu sendende Dateien",From:"Von",Anyone:"allen","Filter conversations":"Unterhaltungen filtern","Go to the message replied to:":"Zur beantworteten Nachricht:","Hide when I'm online":"Verbergen, wann ich online bin","Insert an emoji":"Emoji einf\xFCgen","Jump to first unread":"Zur ersten ungelesenen","Just you":"Nur du",Leave:"Verlassen","Leave conversation":"Unterhaltung verlassen","Leave this conversation? You won't see its messages any more.":"Diese Unterhaltung verlassen? Du siehst ihre Nachrichten dann nicht mehr.",Live:"Live","Loading older messages\u2026":"\xC4ltere Nachrichten werden geladen\u2026","Loading\u2026":"Wird geladen\u2026",Members:"Mitglieder",Message:"Nachricht","Message actions":"Aktionen f\xFCr die Nachricht",Messages:"Nachrichten","Messages found":"Gefundene Nachrichten","Messages, conversations and people":"Nachrichten, Unterhaltungen und Personen","More reactions\u2026":"Weitere Reaktionen\u2026","Mute a conversation in its People & settings.":"Eine Unterhaltung schaltest du unter \u201EPersonen & Einstellungen\u201C stumm.","Muted for 1 hour":"Stumm f\xFCr 1 Stunde","Muted for 8 hours":"Stumm f\xFCr 8 Stunden","Muted until I turn them back on":"Stumm, bis ich sie wieder einschalte","Muted {until}":"Stumm {until}",Name:"Name",New:"Neu","New conversation":"Neue Unterhaltung","New messages":"Neue Nachrichten","New messages \u2193":"Neue Nachrichten \u2193","No conversation matches.":"Keine Unterhaltung passt.","No conversations yet. Start one with \u201CNew\u201D.":"Noch keine Unterhaltungen. Beginne eine mit \u201ENeu\u201C.","No messages yet":"Noch keine Nachrichten","No messages yet: say hello.":"Noch keine Nachrichten: sag Hallo.","Not sent":"Nicht gesendet","Nothing found.":"Nichts gefunden.",Notifications:"Benachrichtigungen","Notifications are not allowed in this browser.":"Benachrichtigungen sind in diesem Browser nicht erlaubt.",Offline:"Offline",On:"An","On this device":"Auf diesem Ger\xE4t","Only the open conversation":"Nur die offene Unterhaltung","Open the original":"Original \xF6ffnen",Previous:"Zur\xFCck",Next:"Weiter",Password:"Passwort",People:"Personen","People & settings":"Personen & Einstellungen","People chosen":"Ausgew\xE4hlte Personen","People found":"Gefundene Personen","People to mention":"Personen zum Erw\xE4hnen","Pick a conversation, or start a new one.":"W\xE4hle eine Unterhaltung oder beginne eine neue.","Pick an emoji":"Emoji ausw\xE4hlen","Pick at least one person.":"W\xE4hle mindestens eine Person.",Picture:"Bild","Push notifications while pbchat is closed":"Push-Benachrichtigungen, w\xE4hrend pbchat geschlossen ist",React:"Reagieren","React with one emoji.":"Reagiere mit einem Emoji.","React with {emoji}":"Mit {emoji} reagieren","Reconnecting\u2026":"Verbinde neu\u2026",Remove:"Entfernen","Remove {name}":"{name} entfernen",Rename:"Umbenennen","Renamed to \u201C{title}\u201D":"Umbenannt in \u201E{title}\u201C",Reply:"Antworten","Replying to a deleted message":"Antwort auf eine gel\xF6schte Nachricht","Replying to {name}:":"Antwort an {name}:",Retry:"Erneut senden",Save:"Speichern",Search:"Suchen",Seen:"Gesehen","Seen by {names}":"Gesehen von {names}",Send:"Senden","Sending\u2026":"Wird gesendet\u2026",Settings:"Einstellungen","Sign in":"Anmelden","Sign in or sign up":"Anmelden oder registrieren","Sign in to see this conversation.":"Melde dich an, um diese Unterhaltung zu sehen.","Sign in to see your conversations.":"Melde dich an, um deine Unterhaltungen zu sehen.","Sign out":"Abmelden","Sign up":"Registrieren","Signed out":"Abgemeldet",Someone:"Jemand","Someone you mentioned is not in this conversation.":"Jemand, den du erw\xE4hnt hast, ist nicht in dieser Unterhaltung.","Someone you picked is no longer here.":"Jemand, den du gew\xE4hlt hast, ist nicht mehr da.","Something went wrong on the server. Try again in a moment.":"Auf dem Server ging etwas schief. Versuche es gleich noch einmal.","Start conversation":"Unterhaltung beginnen","That address is kept for the server's own use.":"Diese Adresse ist dem Server selbst vorbehalten.","That conversation isn\u2019t here: you may have left it, or it was deleted.":"Diese Unterhaltung ist nicht da: Vielleicht hast du sie verlassen, oder sie wurde gel\xF6scht.","That email doesn't look right.":"Diese E-Mail-Adresse sieht nicht richtig aus.","That email is already registered: sign in instead.":"Diese E-Mail-Adresse ist schon registriert: Melde dich stattdessen an.","That is more people than a conversation can have.":"Das sind mehr Personen, als eine Unterhaltung haben kann.","That is no longer here.":"Das ist nicht mehr da.","That kind of file can't be sent here.":"Diese Art von Datei kann hier nicht gesendet werden.","That message is no longer here to reply to.":"Die Nachricht, auf die du antwortest, ist nicht mehr da.","That picture is too large.":"Das Bild ist zu gro\xDF.","That was too many at once. Wait a moment and try again.":"Das war zu viel auf einmal. Warte einen Moment und versuche es noch einmal.","The message has a word this server doesn't allow: change it and send again.":"Die Nachricht enth\xE4lt ein Wort, das dieser Server nicht erlaubt: \xC4ndere sie und sende sie erneut.","The password needs at least 8 characters.":"Das Passwort braucht mindestens 8 Zeichen.","The passwords don't match.":"Die Passw\xF6rter stimmen nicht \xFCberein.","The server couldn't take that: check what you entered.":"Der Server konnte das nicht annehmen: Pr\xFCfe deine Eingabe.","The title was removed":"Der Titel wurde entfernt","They are already in this conversation.":"Diese Person ist schon in der Unterhaltung.","This browser blocks notifications from pbchat: allow them in its site settings.":"Dieser Browser blockiert Benachrichtigungen von pbchat: Erlaube sie in seinen Website-Einstellungen.","This browser can't show notifications.":"Dieser Browser kann keine Benachrichtigungen anzeigen.","This browser may show notifications.":"Dieser Browser darf Benachrichtigungen anzeigen.","This conversation is full.":"Diese Unterhaltung ist voll.","This is the beginning of the conversation.":"Hier beginnt die Unterhaltung.",Title:"Titel","Title (optional)":"Titel (optional)",Today:"Heute","Waiting for the connection\u2026":"Wartet auf die Verbindung\u2026","Write a message\u2026":"Schreib eine Nachricht\u2026","Write something, or attach a file.":"Schreib etwas oder h\xE4nge eine Datei an.","Wrong email or password.":"E-Mail-Adresse oder Passwort falsch.",Yesterday:"Gestern",You:"Du","You already have a conversation with them.":"Mit dieser Person hast du schon eine Unterhaltung.","You are the last one here: delete the conversation instead.":"Du bist als Letzte oder Letzter hier: L\xF6sche die Unterhaltung stattdessen.","You can't do that here.":"Das kannst du hier nicht tun.","Your profile":"Dein Profil","Your profile:":"Dein Profil:","Your session has ended. Please sign in again.":"Deine Sitzung ist abgelaufen. Bitte melde dich erneut an.","an attachment":"ein Anhang","and {n} more":"und {n} weitere",edited:"bearbeitet","last seen {time}":"zuletzt online {time}","mentions you":"erw\xE4hnt dich",muted:"stumm",online:"online",owner:"Besitzer","sent an attachment":"hat einen Anhang gesendet","until {time}":"bis {time}",yourself:"dich selbst","{author} in {title}":"{author} in {title}","{name} is {size}: the limit is 10 MB.":"{name} ist {size} gro\xDF: Die Grenze liegt bei 10 MB.","{name} joined":"{name} ist beigetreten","{name} left":"{name} hat die Unterhaltung verlassen","{names} are typing\u2026":"{names} schreiben\u2026","{names} is typing\u2026":"{names} schreibt\u2026","{n} members":"{n} Mitglieder","{n} messages found":"{n} Nachrichten gefunden","{n} others":"{n} weiteren","1 other":"einer weiteren Person","1 message found":"1 Nachricht gefunden","{n} unread":"{n} ungelesen","Unblock {name}":"{name} nicht mehr blockieren","Block {name}":"{name} blockieren","A message from someone you blocked":"Eine Nachricht von jemandem, den du blockierst",Show:"Anzeigen","Replying to a message from someone you blocked":"Antwort auf eine Nachricht von jemandem, den du blockierst","Block {name}? Their messages are hidden from you and never notify you, and they can't add you to conversations. They aren't told.":"{name} blockieren? Ihre Nachrichten werden dir verborgen und benachrichtigen dich nie, und sie k\xF6nnen dich nicht zu Unterhaltungen hinzuf\xFCgen. Sie erfahren es nicht.",Block:"Blockieren",Invitations:"Einladungen","{inviter} wants to talk with you":"{inviter} m\xF6chte mit dir schreiben","{inviter} invited you to {title}":"{inviter} hat dich zu {title} eingeladen",Accept:"Annehmen",Decline:"Ablehnen","Decline and block":"Ablehnen und blockieren","{name} is invited: they join once they accept.":"{name} ist eingeladen und kommt dazu, sobald die Einladung angenommen ist.",Unblock:"Nicht mehr blockieren",Invited:"Eingeladen",Withdraw:"Zur\xFCckziehen","You block nobody.":"Du blockierst niemanden.","People you block":"Personen, die du blockierst",Privacy:"Privatsph\xE4re","Who can add me to conversations":"Wer mich zu Unterhaltungen hinzuf\xFCgen darf",Everyone:"Alle","People I share a conversation with":"Personen, mit denen ich eine Unterhaltung teile","Nobody: everyone invites me":"Niemand: alle laden mich ein","Anyone else can only invite you: you accept or decline.":"Alle anderen k\xF6nnen dich nur einladen: du nimmst an oder lehnst ab.","Invite link":"Einladungslink","Join \u201C{title}\u201D?":"\u201E{title}\u201C beitreten?","Open it: you are a member":"\xD6ffnen: du bist Mitglied",Join:"Beitreten","Link copied: {url}":"Link kopiert: {url}","Invite links":"Einladungslinks","Used {uses} of {max} times, until {until}":"{uses} von {max} Mal benutzt, g\xFCltig bis {until}",Copy:"Kopieren",Revoke:"Widerrufen","Valid for":"G\xFCltig f\xFCr","1 day":"1 Tag","7 days":"7 Tage","30 days":"30 Tage",Uses:"Nutzungen","Make a link":"Link erstellen","You can't block yourself.":"Du kannst dich nicht selbst blockieren.","You already block this person.":"Du blockierst diese Person schon.","You block as many people as you can: unblock someone first.":"Du blockierst so viele Personen wie m\xF6glich: gib zuerst jemanden frei.","They are already invited.":"Sie sind schon eingeladen.","A link lasts at most 30 days.":"Ein Link gilt h\xF6chstens 30 Tage.","A link is used from 1 to 1,000 times.":"Ein Link wird 1 bis 1.000 Mal benutzt.","This invite link doesn't work: it may have been revoked.":"Dieser Einladungslink funktioniert nicht: vielleicht wurde er widerrufen.","This invite link has expired.":"Dieser Einladungslink ist abgelaufen.","This invite link has been used as many times as it allows.":"Dieser Einladungslink wurde so oft benutzt, wie er erlaubt.",Spam:"Spam",Harassment:"Bel\xE4stigung",Hate:"Hass","Violence or threats":"Gewalt oder Drohungen","Sexual content":"Sexuelle Inhalte","Self-harm":"Selbstverletzung","Something else":"Etwas anderes","Report this message":"Diese Nachricht melden","The server's administrators see it, with what it says now. Nobody else learns of it; it is hidden for you.":"Die Administratoren des Servers sehen sie, so wie sie jetzt lautet. Sonst erf\xE4hrt niemand davon; f\xFCr dich wird sie ausgeblendet.","Why?":"Warum?","Anything to add (optional)":"Noch etwas dazu (optional)",Report:"Melden","Report\u2026":"Melden\u2026","A message you reported":"Eine Nachricht, die du gemeldet hast","You can't report your own message: delete it instead.":"Du kannst deine eigene Nachricht nicht melden: l\xF6sche sie stattdessen.","You already reported this message.":"Du hast diese Nachricht schon gemeldet.","Removed by a moderator":"Von einer Moderation entfernt",suspended:"gesperrt","Replying to a message a moderator removed":"Antwort auf eine Nachricht, die eine Moderation entfernt hat","This account is suspended.":"Dieses Konto ist gesperrt.","Your data":"Deine Daten","Your settings, conversations, messages, reactions and blocks, as a JSON file.":"Deine Einstellungen, Unterhaltungen, Nachrichten, Reaktionen und Blockierungen als JSON-Datei.","Download my data":"Meine Daten herunterladen","As long as the server keeps them":"So lange, wie der Server sie aufbewahrt","90 days":"90 Tage","1 year":"1 Jahr","Keep messages for":"Nachrichten aufbewahren f\xFCr","This server keeps messages for less time than that.":"Dieser Server bewahrt Nachrichten k\xFCrzer auf.","Keep messages for a number of days, or as long as the server does.":"Bewahre Nachrichten eine Anzahl von Tagen auf, oder so lange wie der Server.","Edit history":"Bearbeitungsverlauf","Earlier versions":"Fr\xFChere Fassungen",now:"jetzt","edited: show what it said before":"bearbeitet: zeigen, was vorher dastand","{n} pinned":"{n} angeheftet",Pin:"Anheften",Unpin:"L\xF6sen","Pinned messages":"Angeheftete Nachrichten","a message":"eine Nachricht","Who can pin messages":"Wer Nachrichten anheften darf","Every member":"Alle Mitglieder","Owners only":"Nur Besitzer","Link made: {url}":"Link erstellt: {url}"};var ws={de:ys},Q=$s(globalThis.navigator?.languages||[globalThis.navigator?.language||"en"]);function $s(n){for(let e of n){let t=String(e).toLowerCase().split("-")[0];if(t==="en"||ws[t])return t}return"en"}function ks(){return Q}function qi(n){Q=$s([n])}function o(n,e){let t=Q!=="en"&&ws[Q]?.[n]||n;return e?t.replace(/\{(\w+)\}/g,(s,i)=>i in e?String(e[i]):s):t}var vs=new Map;function X(n,e){let t=`${Q}|${n}|${JSON.stringify(e)}`,s=vs.get(t);return s||vs.set(t,s=new Intl[n](Q,e)),s}function U(n){return X("ListFormat",{style:"long",type:"conjunction"}).format(n)}function F(n){return new Date(String(n||"").replace(" ","T"))}function Ee(n){let e=F(n);return Number.isNaN(e.getTime())?"":X("DateTimeFormat",{hour:"2-digit",minute:"2-digit"}).format(e)}function Ss(n,e=new Date){let t=F(n);return Number.isNaN(t.getTime())?"":t.toDateString()===e.toDateString()?Ee(n):e-t<6*864e5?X("DateTimeFormat",{weekday:"short"}).format(t):X("DateTimeFormat",t.getFullYear()===e.getFullYear()?{day:"numeric",month:"short"}:{day:"numeric",month:"short",year:"numeric"}).format(t)}function O(n,e=new Date){let t=F(n);return Number.isNaN(t.getTime())?"":t.toDateString()===e.toDateString()?Ee(n):X("DateTimeFormat",{dateStyle:"medium",timeStyle:"short"}).format(t)}function xs(n,e=new Date){let t=F(n),s=new Date(e.getTime()-864e5);return t.toDateString()===e.toDateString()?o("Today"):t.toDateString()===s.toDateString()?o("Yesterday"):X("DateTimeFormat",{weekday:"long",year:"numeric",month:"long",day:"numeric"}).format(t)}function As(n){return o("until {time}",{time:O(n)})}var Es={"email:validation_not_unique":"That email is already registered: sign in instead.","email:validation_is_email":"That email doesn't look right.","email:validation_invalid_email":"That email doesn't look right.","email:validation_reserved_email":"That address is kept for the server's own use.","password:validation_length_out_of_range":"The password needs at least 8 characters.","password:validation_min_text_constraint":"The password needs at least 8 characters.","passwordConfirm:validation_values_mismatch":"The passwords don't match.","members:validation_missing_rel_records":"Someone you picked is no longer here.","members:validation_conversation_exists":"You already have a conversation with them.","members:validation_too_many_members":"That is more people than a conversation can have.","conversation:validation_too_many_members":"This conversation is full.","members:validation_invalid_members":"Pick at least one person.","user:validation_not_unique":"They are already in this conversation.","conversation:validation_not_unique":"They are already in this conversation.","conversation:validation_last_member":"You are the last one here: delete the conversation instead.","text:validation_required":"Write something, or attach a file.","text:validation_max_text_constraint":"A message is at most 10,000 characters.","text:validation_blocked_words":"The message has a word this server doesn't allow: change it and send again.","attachments:validation_file_size_limit":"A file is at most 10 MB.","attachments:validation_invalid_mime_type":"That kind of file can't be sent here.","avatar:validation_file_size_limit":"That picture is too large.","emoji:validation_not_emoji":"React with one emoji.","replyTo:validation_reply_elsewhere":"That message is no longer here to reply to.","mentions:validation_not_member":"Someone you mentioned is not in this conversation.","blocked:validation_block_self":"You can't block yourself.","blocked:validation_already_blocked":"You already block this person.","blocked:validation_too_many_blocks":"You block as many people as you can: unblock someone first.","invitee:validation_already_invited":"They are already invited.","invitee:validation_already_member":"They are already in this conversation.","expires:validation_link_expiry":"A link lasts at most 30 days.","maxUses:validation_link_uses":"A link is used from 1 to 1,000 times.","message:validation_own_message":"You can't report your own message: delete it instead.","message:validation_already_reported":"You already reported this message.","retentionDays:validation_retention_too_long":"This server keeps messages for less time than that.","retentionDays:validation_retention":"Keep messages for a number of days, or as long as the server does.","account:validation_suspended":"This account is suspended.","token:validation_link_unknown":"This invite link doesn't work: it may have been revoked.","token:validation_link_expired":"This invite link has expired.","token:validation_link_used_up":"This invite link has been used as many times as it allows."};function $t(n){return n?.status===0&&!n?.isAbort}function g(n){if(!n)return"";let e=n.status??-1,t=n.response||n.data||null;if(e===0)return o("Can't reach the server. Check your connection and try again.");if(e===429)return o("That was too many at once. Wait a moment and try again.");let s=Object.entries(t?.data||{});return s.length?s.map(([i,r])=>Es[`${i}:${r?.code}`]?o(Es[`${i}:${r?.code}`]):r?.message||`${i}: ${r?.code}`).join(" "):t?.message==="Failed to authenticate."?o("Wrong email or password."):e===401?o("Your session has ended. Please sign in again."):e===403?o("You can't do that here."):e===404?o("That is no longer here."):e>=500?o("Something went wrong on the server. Try again in a moment."):e===400?o("The server couldn't take that: check what you entered."):n.message||String(n)}function Cs(n){return!$t(n)&&n?.status!==429&&!(n?.status>=500)}var Ts=50,Li=3e3,kt=()=>({text:"",replyTo:null,mentions:[],files:[]}),he=class extends A{constructor(e){super({messages:[],hasOlder:!1,loadingOlder:!1,loading:!1,loaded:!1,error:"",members:new Map,memberCount:0,typing:[],notes:[],pending:[],draft:kt(),divider:""}),this.source=e,this.id=e.id,this._draftKey=`pbchat.draft.${e.me}.${e.id}`,this._typingTimers=new Map,this.scrollFromBottom=null;try{let t=JSON.parse(e.drafts?.getItem(this._draftKey)||"null");t&&(this.state.draft={...kt(),...typeof t=="string"?{text:t}:t,files:[]})}catch{}}async load(){this._set({loading:!0,error:""}),this._arrived=new Set;try{let[e,t]=await Promise.all([this.source.page(),this.source.members?.()]),s=new Map(e.map(r=>[r.id,r]));for(let r of this.state.messages)!s.has(r.id)&&this._arrived.has(r.id)&&s.set(r.id,r);let i={messages:Ce([...s.values()]),hasOlder:e.length===Ts,loading:!1,loaded:!0};t&&(i.members=new Map(t.items.map(r=>[r.user,r])),i.memberCount=t.totalItems),this._set(i)}catch(e){this._set({loading:!1,error:g(e)})}}restore(e){!this.state.loaded&&e?.length&&this._set({messages:Ce([...e])})}async loadOlder(){let e=this.state;if(!(!e.hasOlder||e.loadingOlder||!e.messages.length)){this._set({loadingOlder:!0});try{let t=await this.source.page(e.messages[0]),s=new Set(this.state.messages.map(i=>i.id));this._set({messages:Ce([...t.filter(i=>!s.has(i.id)),...this.state.messages]),hasOlder:t.length===Ts,loadingOlder:!1})}catch(t){this._set({loadingOlder:!1,error:g(t)})}}}async reach(e){for(let t=0;t<40&&!this.state.messages.some(e)&&this.state.hasOlder;t++)await this.loadOlder();return this.state.messages.find(e)||null}enter(e){this._set({divider:e||""})}get firstUnread(){let{divider:e,messages:t,hasOlder:s}=this.state;return!e||s&&!(t[0]?.created<=e)?null:t.find(i=>i.author!==this.source.me&&i.created>e)||null}reachUnread(){let e=this.state.divider;return this.reach(t=>t.created<=e)}apply(e){if(e.conversation!==this.id)return;let t=e.record;switch(e.type){case"message.created":return this._stopTyping(t.author),this._upsert(t);case"message.updated":return this._set({messages:St(this.state.messages.map(s=>s.id===t.id?{...s,...t,withheld:t.withheld,reactions:s.reactions,expand:t.expand||s.expand}:s),t)});case"message.deleted":return this._set({messages:St(this.state.messages.filter(s=>s.id!==t.id),{id:t.id,deleted:!0})});case"reaction.created":case"reaction.deleted":return this._reaction(t,e.type==="reaction.created");case"member.created":case"member.updated":case"member.deleted":return this._member(e.type,t);case"conversation.updated":return this._note(t.title?o("Renamed to \u201C{title}\u201D",{title:t.title}):o("The title was removed"),t.updated);case"read":{let s=this.state.members.get(e.user);if(!s||e.lastReadAt<=(s.lastReadAt||""))return;let i=new Map(this.state.members);return i.set(e.user,{...s,lastReadAt:e.lastReadAt}),this._set({members:i})}case"typing":return this._typing(e.user)}}setDraft(e){let t={...this.state.draft,...e},s=this.source.drafts;if(t.text||t.replyTo){let{text:i,replyTo:r,mentions:a}=t;s?.setItem(this._draftKey,JSON.stringify({text:i,replyTo:r,mentions:a}))}else s?.removeItem(this._draftKey);this._set({draft:t})}async send(){let{text:e,files:t,replyTo:s,mentions:i}=this.state.draft,r=e.trim();if(!r&&!t.length)return;let a={id:this.source.newId(),text:r,files:t,replyTo:s,mentions:[...new Set(i.filter(([l])=>r.includes(l)).map(([,l])=>l))],error:"",waiting:!1};this.setDraft(kt()),this._set({pending:[...this.state.pending,a]}),await this._try(a)}retry(e){let t=this.state.pending.find(s=>s.id===e);if(t)return this._try(t)}retryWaiting(){return Promise.all(this.state.pending.filter(e=>e.waiting).map(e=>this._try(e)))}discard(e,t=!1){let s=this.state.pending.find(i=>i.id===e);this._set({pending:this.state.pending.filter(i=>i.id!==e)}),s&&t&&this.setDraft({text:s.text,files:s.files,replyTo:s.replyTo})}async edit(e,t){let s=await this.source.edit(e,t);this._set({messages:this.state.messages.map(i=>i.id===e?{...i,...s,reactions:i.reactions,expand:i.expand}:i)})}async reveal(e){let t=await this.source.reveal(e);this._set({messages:this.state.messages.map(s=>s.id===e?{...s,...t,withheld:void 0,reactions:s.reactions}:s)})}async remove(e){await this.source.remove(e),this._set({messages:St(this.state.messages.filter(t=>t.id!==e),{id:e,deleted:!0})})}get newest(){return this.state.messages.at(-1)||null}readersOf(e){return[...this.state.members.values()].filter(t=>t.user!==this.source.me&&(t.lastReadAt||"")>=e.created).map(t=>t.user)}async _try(e){this._setPending(e.id,{error:"",waiting:!1,final:!1});try{let t=await this.source.send({id:e.id,conversation:this.id,text:e.text,replyTo:e.replyTo?.id||void 0,mentions:e.mentions,files:e.files});this._upsert(t)}catch(t){this._setPending(e.id,{error:g(t),waiting:$t(t),final:Cs(t)})}}_upsert(e){this._arrived?.add(e.id);let t=this.state.messages.some(s=>s.id===e.id);this._set({messages:t?this.state.messages.map(s=>s.id===e.id?{...s,...e,reactions:e.reactions||s.reactions,expand:e.expand||s.expand}:s):Ce([...this.state.messages,e]),pending:this.state.pending.filter(s=>s.id!==e.id)})}_reaction(e,t){let s=e.user===this.source.me;this._set({messages:this.state.messages.map(i=>{if(i.id!==e.message)return i;let r=(i.reactions||[]).map(l=>({...l})),a=r.find(l=>l.emoji===e.emoji);if(t){if(a||r.push(a={emoji:e.emoji,count:0,mine:!1}),s&&a.mine)return i;a.count++,s&&(a.mine=!0)}else if(a){if(s&&!a.mine)return i;a.count--,s&&(a.mine=!1)}return{...i,reactions:r.filter(l=>l.count>0)}})})}_member(e,t){let s=new Map(this.state.members),i=this.state.memberCount,r=t.expand?.user?.name||o("Someone");e==="member.deleted"?(s.delete(t.user)&&i--,this._note(o("{name} left",{name:r}),t.updated)):(e==="member.created"&&!s.has(t.user)&&(i++,this._note(o("{name} joined",{name:r}),t.created)),s.set(t.user,{...s.get(t.user),...t})),this._set({members:s,memberCount:Math.max(i,s.size)})}_note(e,t){this._set({notes:[...this.state.notes,{note:e,created:t||new Date().toISOString().replace("T"," ")}]})}_typing(e){e!==this.source.me&&(clearTimeout(this._typingTimers.get(e)),this._typingTimers.set(e,setTimeout(()=>this._stopTyping(e),Li)),this.state.typing.includes(e)||this._set({typing:[...this.state.typing,e]}))}_stopTyping(e){clearTimeout(this._typingTimers.get(e)),this._typingTimers.delete(e),this.state.typing.includes(e)&&this._set({typing:this.state.typing.filter(t=>t!==e)})}_setPending(e,t){this._set({pending:this.state.pending.map(s=>s.id===e?{...s,...t}:s)})}};function Ce(n){return n.sort((e,t)=>e.created===t.created?e.id.localeCompare(t.id):e.created.localeCompare(t.created))}function St(n,e){return n.map(t=>t.reply?.id!==e.id?t:{...t,reply:e.deleted?{id:e.id,deleted:!0}:{...t.reply,text:(e.text||"").replace(/\s+/g," ").slice(0,120)}})}function de(n){return n<1024?`${n} B`:n<1024*1024?`${(n/1024).toFixed(0)} KB`:`${(n/1024/1024).toFixed(1)} MB`}function Os(n){let e=(n||"?").trim().split(/\s+/).filter(Boolean);return(e.length>1?e[0][0]+e[e.length-1][0]:(e[0]||"?").slice(0,2)).toUpperCase()}function Rs(n){let e=0;for(let t of n||"")e=(e*31+t.charCodeAt(0))%360;return e}function Te(n){return String(n).replace(/_[a-z0-9]{10}(\.[^.]+)?$/i,"$1")}var Oe=n=>/\.(png|jpe?g|gif|webp)$/i.test(n);function Ps(n){let e=[],t=/\bhttps?:\/\/[^\s<>"']+[^\s<>"'.,;:!?)\]]/gi,s=0;for(let i of n.matchAll(t)){i.index>s&&e.push({text:n.slice(s,i.index)});let r="";try{let a=new URL(i[0]);(a.protocol==="http:"||a.protocol==="https:")&&(r=a.href)}catch{}e.push(r?{text:i[0],href:r}:{text:i[0]}),s=i.index+i[0].length}return s<n.length&&e.push({text:n.slice(s)}),e}function R(n){if(!n)return"";if(n.removed)return o("Removed by a moderator");if(n.withheld==="blocked")return o("A message from someone you blocked");if(n.withheld==="reported")return o("A message you reported");let e=(n.text||"").replace(/\s+/g," ").trim();return e?e.length>120?e.slice(0,119)+"\u2026":e:(n.attachments||[]).length?o("sent an attachment"):""}function ue(n){return new Date(n).toISOString().replace("T"," ")}var xt=50;function At(n){if(n?.title)return n.title;let e=(n?.heroes||[]).map(t=>t.name).filter(Boolean);return e.length?e.slice(0,3).join(", ")+(e.length>3?"\u2026":""):o("Just you")}function W(n,e=Date.now()){return n?!!n.muted||!!n.mutedUntil&&n.mutedUntil>ue(e):!1}var pe=class extends A{constructor({page:e,one:t,me:s}){super({rows:[],loading:!1,loaded:!1,hasMore:!1,error:""}),this._page=e,this._one=t,this.me=s}get unread(){return this.state.rows.reduce((e,t)=>e+(W(t.member)?0:t.unread||0),0)}row(e){return this.state.rows.find(t=>t.id===e)||null}async load(){this._set({loading:!0,error:""});try{let e=await this._page(1);this._pages=1,this._set({rows:e.slice(0,xt).map(t=>this._row(t)),loading:!1,loaded:!0,hasMore:e.length>=xt})}catch(e){this._set({loading:!1,error:e?.message||String(e)})}}async loadMore(){if(!(!this.state.hasMore||this.state.loading)){this._set({loading:!0});try{let e=await this._page(this._pages+1);this._pages++;let t=new Set(this.state.rows.map(i=>i.id)),s=e.filter(i=>!t.has(i.id)).map(i=>this._row(i));this._set({rows:[...this.state.rows,...s],loading:!1,hasMore:e.length>=xt})}catch(e){this._set({loading:!1,error:e?.message||String(e)})}}}restore(e){!this.state.loaded&&e?.length&&this._set({rows:e})}apply(e){let t=e.record;switch(e.type){case"message.created":return this._message(e);case"message.deleted":case"message.updated":return this.row(e.conversation)?.lastMessageId===t?.id?this.refresh(e.conversation):void 0;case"conversation.created":return this.refresh(e.conversation);case"conversation.updated":return this._update(e.conversation,s=>{let i={...s.record,...t};return{...s,record:i,title:At(i)}});case"conversation.removed":return this.remove(e.conversation);case"member.created":case"member.updated":return t?.user===this.me?this._update(e.conversation,s=>({...s,member:{...s.member,...t}})):void 0;case"read":return e.user!==this.me?void 0:this._read(e.conversation,e.lastReadAt)}}markRead(e,t){this._read(e,t)}remove(e){this.row(e)&&this._set({rows:this.state.rows.filter(t=>t.id!==e)})}setMember(e,t){this._update(e,s=>({...s,member:{...s.member,...t}}))}_read(e,t){let s=this.row(e);!s||!t||t<=(s.member?.lastReadAt||"")||(t>=s.lastMessageAt?this._update(e,i=>({...i,unread:0,mentions:0,member:{...i.member,lastReadAt:t}})):this.refresh(e))}_message({conversation:e,record:t}){let s=this.row(e);if(!s)return this.refresh(e);let i=t.author===this.me,r=!i&&!t.withheld,a={...s,preview:R(t),author:i?o("You"):t.expand?.author?.name||"",lastMessageAt:t.created,lastMessageId:t.id,unread:i?0:(s.unread||0)+(r?1:0),mentions:i?0:(s.mentions||0)+(r&&(t.mentions||[]).includes(this.me)?1:0),member:i?{...s.member,lastReadAt:t.created}:s.member};this._set({rows:[a,...this.state.rows.filter(l=>l.id!==e)]})}async refresh(e){try{let t=this._row(await this._one(e)),s=this.state.rows.filter(r=>r.id!==e),i=s.findIndex(r=>r.lastMessageAt<t.lastMessageAt);return s.splice(i<0?s.length:i,0,t),this._set({rows:s}),t}catch{return null}}_update(e,t){this._set({rows:this.state.rows.map(s=>s.id===e?t(s):s)})}_row(e){let t=e.expand?.lastMessage,s={id:e.id,title:e.title||"",heroes:e.heroes||[],created:e.created||"",collectionId:e.collectionId,retentionDays:e.retentionDays||0,pinsBy:e.pinsBy||""};return{id:e.id,record:s,member:e.member||null,title:At(s),preview:R(t),author:t?t.author===this.me?o("You"):t.expand?.author?.name||"":"",lastMessageAt:e.lastMessageAt||e.created||"",lastMessageId:t?.id||"",unread:e.unread||0,mentions:e.mentions||0}}};var Re=class extends A{constructor(e){super({users:new Map,presence:new Map}),this.me=e}remember(...e){let t=!1,s=new Map(this.state.users);for(let i of e.flat()){if(!i?.id)continue;let r=s.get(i.id),a=i.suspended??r?.suspended??!1;r&&r.name===i.name&&r.avatar===i.avatar&&r.suspended===a||(s.set(i.id,{id:i.id,name:i.name||"",avatar:i.avatar||"",collectionId:i.collectionId||r?.collectionId||"",suspended:a}),t=!0)}t&&this._set({users:s})}user(e){return this.state.users.get(e)||null}nameOf(e){return e===this.me?o("You"):this.state.users.get(e)?.name||o("Someone")}apply(e){let t=e.record;switch(e.type){case"presence":{let s=new Map(this.state.presence);return s.set(e.user,{online:!!e.online,lastSeen:e.lastSeen||""}),this._set({presence:s})}case"message.created":case"message.updated":return this.remember(t?.expand?.author);case"member.created":case"member.updated":case"reaction.created":return this.remember(t?.expand?.user)}}online(e){return!!this.state.presence.get(e)?.online}lastSeen(e){return this.state.presence.get(e)?.lastSeen||""}};var Pe=class extends A{constructor(e){super({blocks:null,invitations:[],error:""}),this.source=e}async load(){try{let[e,t]=await Promise.all([this.source.invitations(),this.state.blocks&&this.source.blocks()]);this._set({invitations:e,blocks:t||null,error:""})}catch(e){this._set({error:String(e?.message||e)})}}wantBlocks(){this.state.blocks||this._loadingBlocks||(this._loadingBlocks=this.source.blocks().then(e=>this._set({blocks:e})).catch(e=>this._set({error:String(e?.message||e)})).finally(()=>this._loadingBlocks=null))}blocks(e){return!!this.state.blocks?.some(t=>t.blocked===e)}apply(e){let t=e.record;switch(e.type){case"block.created":this.state.blocks&&!this.blocks(t.blocked)&&this._set({blocks:[...this.state.blocks,t]});return;case"block.deleted":this.state.blocks&&this._set({blocks:this.state.blocks.filter(s=>s.id!==t.id)});return;case"invitation.created":return this._set({invitations:[t,...this.state.invitations.filter(s=>s.id!==t.id)]});case"invitation.deleted":return this._set({invitations:this.state.invitations.filter(s=>s.id!==t.id)})}}async block(e){if(this.blocks(e))return;let t=await this.source.block(e);this.state.blocks?this._set({blocks:[...this.state.blocks.filter(s=>s.id!==t.id),t]}):this._set({blocks:await this.source.blocks()})}async unblock(e){this.state.blocks||this._set({blocks:await this.source.blocks()});let t=this.state.blocks.find(s=>s.blocked===e);t&&(await this.source.unblock(t.id),this.apply({type:"block.deleted",record:t}))}async accept(e){let t=await this.source.accept(e);return this._set({invitations:this.state.invitations.filter(s=>s.id!==e)}),t}async decline(e,t=!1){let s=this.state.invitations.find(i=>i.id===e);await this.source.decline(e,t),this._set({invitations:this.state.invitations.filter(i=>i.id!==e)}),t&&s?.inviter&&this.state.blocks&&this._set({blocks:await this.source.blocks()})}};var Ue=class extends A{constructor(e){super({pins:[],loaded:!1,error:""}),this.source=e,this.id=e.id}async load(){try{this._set({pins:await this.source.list(),loaded:!0,error:""})}catch(e){this._set({error:String(e?.message||e)})}}pinOf(e){return this.state.pins.find(t=>t.message===e)||null}apply(e){e.conversation===this.id&&(e.type==="pin.created"||e.type==="pin.deleted")&&this.load()}async pin(e){await this.source.pin(e),await this.load()}async unpin(e){let t=this.pinOf(e);t&&(await this.source.unpin(t.id),await this.load())}};var ji="pbchat-cache",Et="entries",Us=null;function Di(){return globalThis.indexedDB?(Us??=new Promise(n=>{let e=indexedDB.open(ji,1);e.onupgradeneeded=()=>e.result.createObjectStore(Et),e.onsuccess=()=>n(e.result),e.onerror=()=>n(null)}),Us):Promise.resolve(null)}function Ne(n,e){return Di().then(t=>t&&new Promise(s=>{let i=t.transaction(Et,n),r=e(i.objectStore(Et));i.oncomplete=()=>s(r?.result),i.onerror=i.onabort=()=>s(void 0)}))}function Tt(n){return Ne("readonly",e=>e.get(n)).catch(()=>{})}var N=new Map,Ct=(n,e)=>Ne("readwrite",t=>t.put(e,n)).catch(()=>{});function Ot(n,e,t=400){if(clearTimeout(N.get(n)?.timer),!t){N.delete(n),Ct(n,e);return}let s=setTimeout(()=>{N.delete(n),Ct(n,e)},t);N.set(n,{timer:s,value:e})}globalThis.addEventListener?.("pagehide",()=>{for(let[n,{timer:e,value:t}]of N)clearTimeout(e),Ct(n,t);N.clear()});function Ns(n){return clearTimeout(N.get(n)?.timer),N.delete(n),Ne("readwrite",e=>e.delete(n)).catch(()=>{})}function qs(n){for(let[e,{timer:t}]of N)e.startsWith(`${n}:`)&&(clearTimeout(t),N.delete(e));return Ne("readwrite",e=>e.delete(IDBKeyRange.bound(`${n}:`,`${n}:\uFFFF`))).catch(()=>{})}function Rt(n){return JSON.parse(JSON.stringify(n))}var Ii=8,Ls=50,qe=new WeakMap,Pt=new Map,Mi=(()=>{try{return new URL(import.meta.url).origin}catch{return globalThis.location?.origin||""}})();function Le(n){if(n.pb)return n.pb;let e=n.getAttribute?.("base-url")||Mi;return Pt.has(e)||Pt.set(e,new ce(e)),Pt.get(e)}function Nt(n){return n.authStore.isValid&&(n.authStore.record?.id||n.authStore.model?.id)||""}var Ut=class{constructor(e){this.pb=e,this.me=Nt(e),this.users=0,this.client=new Ae({baseUrl:e.baseURL||e.baseUrl,authStore:e.authStore}),this.people=new Re(this.me),this.inbox=new pe({me:this.me,page:async s=>{let i=(await e.collection("conversations").getList(s,Ls,{sort:"-lastMessageAt,-created",expand:"lastMessage.author",skipTotal:1})).items;return this.people.remember(i.flatMap(r=>[...r.heroes||[],r.expand?.lastMessage?.expand?.author])),i},one:async s=>{let i=await e.collection("conversations").getOne(s,{expand:"lastMessage.author"});return this.people.remember(i.heroes||[]),i}});let t=(s,i)=>e.send(s,{method:"POST",body:i,requestKey:null});this.safety=new Pe({blocks:()=>e.collection("blocks").getFullList({batch:100,expand:"blocked",requestKey:null}),invitations:async()=>{let s=await e.collection("invitations").getFullList({batch:100,filter:e.filter("invitee = {:me}",{me:this.me}),sort:"-created",expand:"inviter",requestKey:null});return this.people.remember(s.map(i=>i.expand?.inviter)),s},block:s=>e.collection("blocks").create({blocker:this.me,blocked:s},{expand:"blocked",requestKey:null}),unblock:s=>e.collection("blocks").delete(s,{requestKey:null}),accept:s=>t(`/api/chat/invitations/${encodeURIComponent(s)}/accept`),decline:(s,i)=>t(`/api/chat/invitations/${encodeURIComponent(s)}/decline`,{block:i})}),this.files=new A({token:"",until:0}),this._conversations=new Map,this._pins=new Map,this._readTimers=new Map,this._offs=[this.client.on("*",s=>this._apply(s)),this.client.on("ready",s=>this._ready(s)),this.client.on("resync",()=>this._stale=!0),this.client.on("close",s=>s.code===4401&&this._renew())],this._stale=!0,this.people.remember(this.user),this._keep()}_keep(){let e=`${this.me}:inbox`;Tt(e).then(s=>Array.isArray(s)&&this.inbox.restore(s));let t=null;this.inbox.subscribe(s=>{!s.loaded||s.rows===t||this._forgotten||(t=s.rows,Ot(e,Rt(s.rows),0))})}get user(){return this.pb.authStore.record||this.pb.authStore.model||null}start(){this.client.connect()}forget(){return this._forgotten=!0,qs(this.me)}end(){this._offs.forEach(e=>e()),this.client.close();for(let e of this._readTimers.values())clearTimeout(e)}conversation(e){let t=this._conversations.get(e);if(t)this._conversations.delete(e);else{t=new he(this._source(e)),this.client.state==="live"&&t.load();let s=this._key(e);Tt(s).then(r=>Array.isArray(r)&&t.restore(r));let i=null;t.subscribe(r=>{!r.loaded||r.messages===i||this._forgotten||(i=r.messages,Ot(s,Rt(r.messages.slice(-50))))})}for(this._conversations.set(e,t);this._conversations.size>Ii+1;){let s=this._conversations.keys().next().value;this._conversations.delete(s),this._pins.delete(s)}return t}pinsOf(e){let t=this._pins.get(e);if(!t){let s=this.pb;t=new Ue({id:e,list:()=>s.collection("pins").getFullList({batch:100,filter:s.filter("conversation = {:id}",{id:e}),sort:"-created",expand:"message",requestKey:null}),pin:i=>s.collection("pins").create({conversation:e,message:i},{requestKey:null}),unpin:i=>s.collection("pins").delete(i,{requestKey:null})}),this._pins.set(e,t),t.load()}return t}_key(e){return`${this.me}:conversation:${e}`}async startWith(e,t=""){let s;try{s=(await this.pb.collection("conversations").create({title:t,members:e},{requestKey:null})).id}catch(i){let r=i?.response?.data?.members;if(r?.code!=="validation_conversation_exists"||!r.params?.id)throw i;s=r.params.id}return await this.inbox.refresh(s),s}async add(e,t){try{return await this.pb.collection("members").create({conversation:e,user:t},{requestKey:null}),"added"}catch(s){if(s?.status!==403)throw s;return await this.pb.collection("invitations").create({conversation:e,invitee:t},{requestKey:null}),"invited"}}async accept(e){let t=await this.safety.accept(e);return await this.inbox.refresh(t.id),t.id}drop(e){this._conversations.delete(e),this._pins.delete(e),Ns(this._key(e)),this.inbox.remove(e)}fileToken(){let e=this.files.state;return e.until>Date.now()||(this._fetching??=this.pb.files.getToken({requestKey:null}).then(t=>this.files._set({token:t,until:Date.now()+1e5})).catch(()=>{}).finally(()=>this._fetching=null)),e.token}markRead(e,t){let i=this.inbox.row(e)?.member;!i||!t||(i.lastReadAt||"")>=t||(this.inbox.markRead(e,t),clearTimeout(this._readTimers.get(e)),this._readTimers.set(e,setTimeout(()=>{this._readTimers.delete(e),this.pb.collection("members").update(i.id,{lastReadAt:t}).catch(()=>{})},300)))}async _renew(){try{await this.pb.collection("users").authRefresh({requestKey:null}),this.client.connect()}catch(e){e?.status&&this.pb.authStore.clear()}}_apply(e){if(this.people.apply(e),this.safety.apply(e),e.type==="block.created"||e.type==="block.deleted"||e.type==="report.created"){this.inbox.load();for(let t of this._conversations.values())t.load();for(let t of this._pins.values())t.load();return}this._pins.get(e.conversation)?.apply(e),this.inbox.apply(e),e.type==="conversation.removed"&&this.drop(e.conversation),this._conversations.get(e.conversation)?.apply(e)}_ready(e){if(this.inbox.load(),this.safety.load(),!e.resumed||this._stale){for(let t of this._conversations.values())t.load();for(let t of this._pins.values())t.load()}this._stale=!1;for(let t of this._conversations.values())t.retryWaiting()}_source(e){let t=this.pb,s=t.collection("messages");return{id:e,me:this.me,newId:_s,drafts:globalThis.localStorage,page:async i=>{let r=t.filter("conversation = {:id}",{id:e});i&&(r+=t.filter(" && (created < {:c} || (created = {:c} && id < {:i}))",{c:i.created,i:i.id}));let a=(await s.getList(1,Ls,{filter:r,sort:"-created,-id",expand:"author",skipTotal:1})).items;return this.people.remember(a.map(l=>l.expand?.author)),a},members:async()=>{let i=await t.collection("members").getList(1,100,{filter:t.filter("conversation = {:id}",{id:e}),sort:"created,id",expand:"user"});return this.people.remember(i.items.map(r=>r.expand?.user)),i},send:({files:i,...r})=>{let a=r;if(i?.length){a=new FormData;for(let[l,c]of Object.entries(r))if(c!==void 0)for(let d of Array.isArray(c)?c:[c])a.append(l,d);for(let l of i)a.append("attachments",l)}return s.create(a,{expand:"author",requestKey:null})},edit:(i,r)=>s.update(i,{text:r},{requestKey:null}),reveal:i=>s.getOne(i,{expand:"author",query:{show:"withheld"},requestKey:null}),remove:i=>s.delete(i,{requestKey:null})}}};function Ds(n,{run:e,signedOut:t,changed:s}){let i=null,r=()=>{let l=Nt(n);if(i&&i.session.me===l)return s?.();if(i&&(i.stop(),js(n,i.session),i=null),!l)return t();let c=Bi(n);i={session:c,stop:e(c)||(()=>{})}},a=n.authStore.onChange(r);return r(),()=>{a(),i&&(i.stop(),js(n,i.session),i=null)}}function Bi(n){let e=qe.get(n);return(!e||e.me!==Nt(n))&&(e?.end(),e=new Ut(n),qe.set(n,e),e.start()),e.users++,e}function js(n,e){--e.users>0||(e.end(),qe.get(n)===e&&qe.delete(n))}var P=class extends y{static properties={pb:{attribute:!1},baseUrl:{type:String,attribute:"base-url"},session:{state:!0}};connectedCallback(){super.connectedCallback(),this._follow()}disconnectedCallback(){super.disconnectedCallback(),this._unfollow?.(),this._unfollow=null}willUpdate(e){(e.has("pb")||e.has("baseUrl"))&&this.isConnected&&this._client!==Le(this)&&this._follow()}get client(){return Le(this)}_follow(){this._unfollow?.();let e=Le(this);this._client=e,this._unfollow=Ds(e,{changed:()=>this.requestUpdate(),signedOut:()=>{this.session=null,this.signedOut()},run:t=>{this.session=t;let s=this.run(t);return()=>{s?.(),this.session===t&&(this.session=null)}}})}run(){}signedOut(){}emit(e,t){return this.dispatchEvent(new CustomEvent(`pbchat-${e}`,{detail:t,bubbles:!0,composed:!0,cancelable:!0}))}};var Is="pbchat.notify",E={desktop:!1,sound:!1,push:"",...JSON.parse(globalThis.localStorage?.getItem(Is)||"{}")};function je(){localStorage.setItem(Is,JSON.stringify(E))}function Ms(n,e){return n.client.on("message.created",({conversation:t,record:s})=>{if(document.visibilityState!=="hidden"||s.author===n.me||s.withheld)return;let i=n.inbox.row(t),r=(s.mentions||[]).includes(n.me);if(W(i?.member)&&!(r&&n.user?.mentionsBreakMute)||(E.sound&&zi(),!E.desktop||typeof Notification>"u"||Notification.permission!=="granted"))return;let a=s.expand?.author?.name||n.people.nameOf(s.author),l=i?.title||"",c=new Notification(!l||l===a?a:o("{author} in {title}",{author:a,title:l}),{body:R(s),tag:t,renotify:!0});c.onclick=()=>{window.focus(),e(t),c.close()}})}function zi(){try{let n=new AudioContext,e=n.createOscillator(),t=n.createGain();e.frequency.value=660,t.gain.setValueAtTime(.06,n.currentTime),t.gain.exponentialRampToValueAtTime(1e-4,n.currentTime+.25),e.connect(t).connect(n.destination),e.start(),e.stop(n.currentTime+.25)}catch{}}var qt=null;async function Bs(n){if(!("serviceWorker"in navigator))return null;qt||navigator.serviceWorker.addEventListener("message",e=>{let t=De(e.data?.url||"");e.data?.type==="open"&&t&&qt?.(t)}),qt=n;try{return await navigator.serviceWorker.register("/sw.js")}catch(e){return console.error(e),null}}function De(n){return String(n).match(/[#&]conversation=([a-z0-9]+)/)?.[1]||""}function Ki(n){let e=atob(n.replace(/-/g,"+").replace(/_/g,"/")+"===".slice((n.length+3)%4));return Uint8Array.from(e,t=>t.charCodeAt(0))}async function zs(n,e){let t=await navigator.serviceWorker.ready;if(e){if(Notification.permission!=="granted"&&await Notification.requestPermission()!=="granted")throw new Error(o("Notifications are not allowed in this browser."));let{publicKey:s}=await n.send("/api/chat/push/key",{method:"GET",requestKey:null}),i=await t.pushManager.subscribe({userVisibleOnly:!0,applicationServerKey:Ki(s)}),{endpoint:r,keys:a}=i.toJSON(),l=await n.collection("pushSubscriptions").create({endpoint:r,p256dh:a.p256dh,auth:a.auth},{requestKey:null});E.push=l.id}else await(await t.pushManager.getSubscription())?.unsubscribe(),E.push&&await n.collection("pushSubscriptions").delete(E.push,{requestKey:null}).catch(()=>{}),E.push="";je()}var $=S`
  :host {
    --_text: var(--pbchat-text, light-dark(#1c2430, #e8ecf2));
    --_muted: var(--pbchat-muted, light-dark(#475467, #aab4c3));
    --_surface: var(--pbchat-surface, light-dark(#ffffff, #161a20));
    --_raised: var(--pbchat-raised, light-dark(#f5f7fa, #1f242c));
    --_line: var(--pbchat-line, light-dark(#d5dbe4, #333b47));
    --_hover: var(--pbchat-hover, light-dark(#eef2f7, #252b34));
    --_selected: var(--pbchat-selected, light-dark(#dfe8fb, #263552));
    --_accent: var(--pbchat-accent, light-dark(#1d4ed8, #2f5fd0));
    --_on-accent: var(--pbchat-on-accent, #ffffff);
    --_link: var(--pbchat-link, light-dark(#1d4ed8, #9dbcff));
    --_danger: var(--pbchat-danger, light-dark(#b42318, #ff8a80));
    --_mine: var(--pbchat-mine, light-dark(#e8efff, #22304d));
    --_flash: var(--pbchat-flash, light-dark(#fff3bf, #4a3f12));
    --_radius: var(--pbchat-radius, 0.5rem);
    font-family: var(--pbchat-font, system-ui, -apple-system, "Segoe UI", Roboto, sans-serif);
    color: var(--_text);
    background: var(--_surface);
    box-sizing: border-box;
  }
  :host([theme="light"]) {
    color-scheme: light;
  }
  :host([theme="dark"]) {
    color-scheme: dark;
  }
  :host([hidden]) {
    display: none;
  }
  *,
  *::before,
  *::after {
    box-sizing: inherit;
  }
  button,
  input,
  select,
  textarea {
    font: inherit;
    color: inherit;
  }
  button {
    cursor: pointer;
    border: 1px solid var(--_line);
    background: var(--_raised);
    border-radius: var(--_radius);
    padding: 0.4rem 0.8rem;
  }
  button:hover {
    background: var(--_hover);
  }
  button.primary {
    background: var(--_accent);
    border-color: var(--_accent);
    color: var(--_on-accent);
  }
  button.danger {
    color: var(--_danger);
  }
  button.link {
    border: 0;
    background: none;
    color: var(--_link);
    padding: 0.2rem 0.3rem;
  }
  button:disabled {
    opacity: 0.6;
    cursor: default;
  }
  :focus-visible {
    outline: 2px solid var(--_accent);
    outline-offset: 1px;
  }
  input,
  select,
  textarea {
    background: var(--_surface);
    border: 1px solid var(--_line);
    border-radius: var(--_radius);
    padding: 0.45rem 0.6rem;
  }
  label {
    display: grid;
    gap: 0.25rem;
  }
  label.check {
    display: flex;
    align-items: center;
    gap: 0.5rem;
  }
  .muted {
    color: var(--_muted);
  }
  .error {
    color: var(--_danger);
  }
  .error:empty {
    display: none;
  }
  .visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }
  ul.plain {
    list-style: none;
    margin: 0;
    padding: 0;
  }
  dialog {
    color: var(--_text);
    background: var(--_surface);
    border: 1px solid var(--_line);
    border-radius: calc(var(--_radius) * 1.5);
    padding: 1.2rem;
    width: min(30rem, calc(100vw - 2rem));
    max-height: calc(100vh - 2rem);
  }
  dialog::backdrop {
    background: rgb(0 0 0 / 0.4);
  }
  dialog h2 {
    margin: 0 0 0.8rem;
    font-size: 1.15rem;
  }
  dialog form,
  dialog .body {
    display: grid;
    /* never wider than the dialog, whatever a row holds */
    grid-template-columns: minmax(0, 1fr);
    gap: 0.75rem;
  }
  .actions {
    display: flex;
    gap: 0.5rem;
    justify-content: flex-end;
    flex-wrap: wrap;
  }
  .avatar {
    flex: none;
    display: inline-grid;
    place-items: center;
    width: 2.25rem;
    height: 2.25rem;
    border-radius: 50%;
    object-fit: cover;
    font-size: 0.8rem;
    font-weight: 600;
    color: #ffffff;
    background: hsl(var(--hue, 210) 55% 32%);
  }
  .avatar.small {
    width: 1.75rem;
    height: 1.75rem;
    font-size: 0.7rem;
  }
  .dot {
    position: absolute;
    right: -1px;
    bottom: -1px;
    width: 0.7rem;
    height: 0.7rem;
    border-radius: 50%;
    background: #12b76a;
    border: 2px solid var(--_surface);
  }
`;var Lt=class extends y{static properties={pb:{attribute:!1},message:{type:String},_signup:{state:!0},_error:{state:!0},_busy:{state:!0}};static styles=[$,S`
      :host {
        display: grid;
        place-items: center;
        padding: 2rem 1rem;
      }
      section {
        width: min(24rem, 100%);
        padding: 1.5rem;
        border: 1px solid var(--_line);
        border-radius: calc(var(--_radius) * 1.5);
        background: var(--_surface);
      }
      [role="tablist"] {
        display: flex;
        gap: 0.5rem;
        margin-bottom: 1rem;
      }
      [role="tab"] {
        flex: 1;
      }
      [role="tab"][aria-selected="true"] {
        border-color: var(--_accent);
        background: var(--_selected);
      }
      form {
        display: grid;
        gap: 0.8rem;
      }
    `];constructor(){super(),this._signup=!1,this._error=""}_tab(e){this._signup=e,this._error="",this.updateComplete.then(()=>this.renderRoot.querySelector("input")?.focus())}async _submit(e){e.preventDefault();let t=e.target.elements,s=this.pb.collection("users");this._busy=!0,this._error="";try{let i=t.email.value.trim();this._signup&&await s.create({name:t.name.value.trim(),email:i,password:t.password.value,passwordConfirm:t.password.value},{requestKey:null}),await s.authWithPassword(i,t.password.value,{requestKey:null})}catch(i){this._error=g(i)}finally{this._busy=!1}}render(){let e=this._signup;return h`<section part="card">
      <div role="tablist" aria-label=${o("Sign in or sign up")}>
        <button type="button" role="tab" aria-selected=${String(!e)} @click=${()=>this._tab(!1)}>${o("Sign in")}</button>
        <button type="button" role="tab" aria-selected=${String(e)} @click=${()=>this._tab(!0)}>${o("Sign up")}</button>
      </div>
      <form role="tabpanel" aria-label=${e?o("Sign up"):o("Sign in")} @submit=${this._submit}>
        ${e?h`<label>${o("Name")} <input name="name" autocomplete="name" required maxlength="255" /></label>`:""}
        <label>${o("Email")} <input name="email" type="email" autocomplete=${e?"email":"username"} required /></label>
        <label>${o("Password")} <input name="password" type="password" autocomplete=${e?"new-password":"current-password"} required minlength=${e?8:1} /></label>
        <button type="submit" class="primary" ?disabled=${this._busy}>${e?o("Create account"):o("Sign in")}</button>
        <p class="error" role="alert">${this._error||this.message||""}</p>
      </form>
    </section>`}};customElements.get("pbchat-auth")||customElements.define("pbchat-auth",Lt);function Ie(n,e,t=""){if(n?.avatar&&n.collectionId){let s=`${e}/api/files/${encodeURIComponent(n.collectionId)}/${encodeURIComponent(n.id)}/${encodeURIComponent(n.avatar)}?thumb=100x100`;return h`<img class="avatar ${t}" src=${s} alt="" />`}return h`<span class="avatar ${t}" style="--hue: ${Rs(n?.id)}" aria-hidden="true">${Os(n?.name)}</span>`}async function ee(n,e,t=new Set){let s=e.trim();if(!s)return[];let i=n.pb,r=await i.collection("users").getList(1,10,{filter:i.filter("name ~ {:q} && id != {:me}",{q:s,me:n.me}),sort:"name",skipTotal:1,fields:"id,name,avatar,collectionId",requestKey:null});return n.people.remember(r.items),r.items.filter(a=>!t.has(a.id))}var jt=class extends y{static properties={session:{attribute:!1},_found:{state:!0},_picked:{state:!0},_error:{state:!0},_busy:{state:!0}};static styles=[$];constructor(){super(),this._reset()}_reset(){this._found=[],this._picked=[],this._error="",this._busy=!1}show(){this._reset();let e=this.renderRoot.querySelector("dialog");e.querySelector("form").reset(),e.showModal(),e.querySelector("input[type=search]").focus()}async _search(e){let t=e.target,s=t.value;clearTimeout(this._timer),this._timer=setTimeout(async()=>{try{let i=await ee(this.session,s,new Set(this._picked.map(r=>r.id)));t.value===s&&(this._found=i)}catch(i){this._error=g(i)}},150)}_pick(e){this._picked=[...this._picked,e],this._found=[];let t=this.renderRoot.querySelector("input[type=search]");t.value="",t.focus()}async _create(e){if(e.preventDefault(),!this._picked.length){this._error=o("Pick at least one person.");return}this._busy=!0;let s=e.target.elements.title.value.trim(),i="";try{i=await this.session.startWith(this._picked.map(r=>r.id),s)}catch(r){this._error=g(r)}this._busy=!1,i&&(this.renderRoot.querySelector("dialog").close(),this.dispatchEvent(new CustomEvent("pbchat-created",{detail:{conversation:i}})))}render(){return h`<dialog aria-labelledby="new-title" part="dialog">
      <form @submit=${this._create}>
        <h2 id="new-title">${o("New conversation")}</h2>
        <label>${o("Title (optional)")} <input name="title" maxlength="200" /></label>
        <label>${o("Add people by name")} <input type="search" autocomplete="off" @input=${this._search} /></label>
        ${this._found.length?h`<ul class="plain" aria-label=${o("People found")}>
              ${this._found.map(e=>h`<li><button type="button" class="link" @click=${()=>this._pick(e)}>${e.name||o("Someone")}</button></li>`)}
            </ul>`:u}
        ${this._picked.length?h`<ul class="plain actions" style="justify-content:flex-start" aria-label=${o("People chosen")}>
              ${this._picked.map(e=>h`<li>
                  <button type="button" aria-label=${o("Remove {name}",{name:e.name})} @click=${()=>this._picked=this._picked.filter(t=>t!==e)}>${e.name} ×</button>
                </li>`)}
            </ul>`:u}
        <p class="error" role="alert">${this._error}</p>
        <div class="actions">
          <button type="button" @click=${()=>this.renderRoot.querySelector("dialog").close()}>${o("Cancel")}</button>
          <button type="submit" class="primary" ?disabled=${this._busy}>${o("Start conversation")}</button>
        </div>
      </form>
    </dialog>`}};customElements.get("pbchat-new-conversation")||customElements.define("pbchat-new-conversation",jt);var Me=class extends P{static properties={...P.properties,selected:{type:String,reflect:!0},_state:{state:!0},_people:{state:!0},_filter:{state:!0},_invitations:{state:!0},_invError:{state:!0}};static styles=[$,S`
      :host {
        display: flex;
        flex-direction: column;
        min-height: 0;
      }
      .head {
        display: flex;
        align-items: center;
        gap: 0.4rem;
        padding: 0.6rem 0.75rem 0.4rem;
      }
      h2 {
        flex: 1;
        margin: 0;
        font-size: 1.05rem;
      }
      .filter {
        margin: 0 0.75rem 0.5rem;
      }
      nav {
        flex: 1;
        overflow-y: auto;
      }
      .row {
        all: unset;
        box-sizing: border-box;
        display: grid;
        grid-template-columns: auto 1fr auto;
        gap: 0.1rem 0.6rem;
        width: 100%;
        padding: 0.55rem 0.75rem;
        cursor: pointer;
      }
      .row:hover {
        background: var(--_hover);
      }
      .row:focus-visible {
        outline: 2px solid var(--_accent);
        outline-offset: -2px;
      }
      .row[aria-current="true"] {
        background: var(--_selected);
      }
      .pic {
        position: relative;
        grid-row: 1 / span 2;
        align-self: center;
      }
      .title {
        font-weight: 600;
        overflow: hidden;
        text-overflow: ellipsis;
        white-space: nowrap;
      }
      .time {
        color: var(--_muted);
        font-size: 0.78rem;
        justify-self: end;
      }
      .preview {
        color: var(--_muted);
        overflow: hidden;
        text-overflow: ellipsis;
        white-space: nowrap;
      }
      .badges {
        display: flex;
        gap: 0.25rem;
        justify-self: end;
      }
      .badge {
        min-width: 1.35rem;
        padding: 0 0.4rem;
        border-radius: 999px;
        background: var(--_accent);
        color: var(--_on-accent);
        font-size: 0.78rem;
        font-weight: 600;
        text-align: center;
        line-height: 1.35rem;
      }
      .row.muted-conv .badge.unread {
        background: var(--_muted);
      }
      .empty {
        padding: 1rem;
        color: var(--_muted);
      }
      .invitations {
        padding: 0.5rem 0.75rem;
        border-bottom: 1px solid var(--_line);
      }
      .invitations h3 {
        margin: 0.25rem 0;
        font-size: 0.95rem;
      }
      .invitations li {
        padding: 0.4rem 0;
      }
      .invitations p {
        margin: 0 0 0.35rem;
      }
      .invitations .actions {
        justify-content: flex-start;
        flex-wrap: wrap;
      }
    `];constructor(){super(),this._state={rows:[],loading:!1,error:""},this._people=null,this._filter="",this._total=-1,this._invitations=[],this._invError=""}run(e){let t=[e.inbox.subscribe(s=>{this._state=s,this._announce(e.inbox.unread)}),e.people.subscribe(s=>this._people=s),e.safety.subscribe(s=>this._invitations=s.invitations)];return()=>t.forEach(s=>s())}signedOut(){this._state={rows:[],loading:!1,error:""},this._invitations=[],this._announce(0)}_announce(e){e!==this._total&&(this._total=e,this.emit("unread",{total:e}))}open(e){this.emit("open",{conversation:e})&&(this.selected=e)}_scrolled(e){let t=e.currentTarget;t.scrollHeight-t.scrollTop-t.clientHeight<200&&this.session?.inbox.loadMore()}_newConversation(){this.renderRoot.querySelector("pbchat-new-conversation")?.show()}render(){let{rows:e,loading:t,error:s}=this._state,i=this._filter.trim().toLowerCase(),r=i?e.filter(a=>a.title.toLowerCase().includes(i)):e;return h`
      <div class="head" part="head">
        <h2>${o("Conversations")}</h2>
        <slot name="actions"></slot>
        ${this.session?h`<button type="button" class="primary" @click=${this._newConversation}>${o("New")}</button>`:u}
      </div>
      ${e.length>4?h`<input
            class="filter"
            type="search"
            aria-label=${o("Filter conversations")}
            placeholder=${o("Filter conversations")}
            .value=${this._filter}
            @input=${a=>this._filter=a.target.value}
          />`:u}
      ${s?h`<p class="error" role="alert">${s}</p>`:u}
      ${this._invitations.length?h`<section class="invitations" aria-label=${o("Invitations")} part="invitations">
            <h3>${o("Invitations")}</h3>
            <ul class="plain">
              ${this._invitations.map(a=>this._invitation(a))}
            </ul>
            ${this._invError?h`<p class="error" role="alert">${this._invError}</p>`:u}
          </section>`:u}
      <nav aria-label=${o("Conversations")} part="list" @scroll=${this._scrolled}>
        ${r.length?h`<ul class="plain">
              ${r.map(a=>this._row(a))}
            </ul>`:h`<p class="empty">
              ${this.session?t&&!e.length?o("Loading\u2026"):i?o("No conversation matches."):o("No conversations yet. Start one with \u201CNew\u201D."):o("Sign in to see your conversations.")}
            </p>`}
      </nav>
      ${this.session?h`<pbchat-new-conversation .session=${this.session} @pbchat-created=${a=>this.open(a.detail.conversation)}></pbchat-new-conversation>`:u}
    `}_invitation(e){let t=e.expand?.inviter?.name||o("Someone"),s=e.title||U((e.heroes||[]).filter(r=>r.id!==e.inviter).map(r=>r.name)),i=async r=>{try{this._invError="",await r()}catch(a){this._invError=g(a)}};return h`<li>
      <p>
        ${s?o("{inviter} invited you to {title}",{inviter:t,title:s}):o("{inviter} wants to talk with you",{inviter:t})}
        ${e.members>1?h`<span class="muted">· ${o("{n} members",{n:e.members})}</span>`:u}
      </p>
      <div class="actions">
        <button type="button" class="primary" @click=${()=>i(async()=>this.open(await this.session.accept(e.id)))}>${o("Accept")}</button>
        <button type="button" @click=${()=>i(()=>this.session.safety.decline(e.id))}>${o("Decline")}</button>
        <button type="button" class="danger" @click=${()=>i(()=>this.session.safety.decline(e.id,!0))}>${o("Decline and block")}</button>
      </div>
    </li>`}_row(e){let t=this.session?.people,s=e.record.heroes||[],i=!e.record.title&&s.length===1?s[0]:null,r=i&&t?.online(i.id),a=W(e.member),l=e.unread>99?"99+":String(e.unread);return h`<li>
      <button type="button" class="row ${a?"muted-conv":""}" part="row" aria-current=${e.id===this.selected?"true":"false"} data-id=${e.id} @click=${()=>this.open(e.id)}>
        <span class="pic">${Ie(i?t?.user(i.id)||i:{id:e.id,name:e.title},this.client.baseURL)}${r?h`<span class="dot"></span>`:u}</span>
        <span class="title">${e.title}</span>
        <time class="time" datetime=${e.lastMessageAt}>${Ss(e.lastMessageAt)}</time>
        <span class="preview">${e.preview?e.author?`${e.author}: ${e.preview}`:e.preview:o("No messages yet")}</span>
        <span class="badges">
          ${e.mentions?h`<span class="badge mention-badge" aria-hidden="true">@</span>`:u}
          ${e.unread?h`<span class="badge unread" aria-hidden="true">${l}</span>`:u}
        </span>
        <span class="visually-hidden"
          >${[e.unread?o("{n} unread",{n:e.unread}):"",e.mentions?o("mentions you"):"",r?o("online"):"",a?o("muted"):""].filter(Boolean).map(c=>`, ${c}`).join("")}</span
        >
      </button>
    </li>`}};var Ks={ATTRIBUTE:1,CHILD:2,PROPERTY:3,BOOLEAN_ATTRIBUTE:4,EVENT:5,ELEMENT:6},Hs=n=>(...e)=>({_$litDirective$:n,values:e}),Be=class{constructor(e){}get _$AU(){return this._$AM._$AU}_$AT(e,t,s){this._$Ct=e,this._$AM=t,this._$Ci=s}_$AS(e,t){return this.update(e,t)}update(e,t){return this.render(...t)}};var{I:Hi}=ls,Fs=n=>n;var Ws=()=>document.createComment(""),te=(n,e,t)=>{let s=n._$AA.parentNode,i=e===void 0?n._$AB:e._$AA;if(t===void 0){let r=s.insertBefore(Ws(),i),a=s.insertBefore(Ws(),i);t=new Hi(r,a,n,n.options)}else{let r=t._$AB.nextSibling,a=t._$AM,l=a!==n;if(l){let c;t._$AQ?.(n),t._$AM=n,t._$AP!==void 0&&(c=n._$AU)!==a._$AU&&t._$AP(c)}if(r!==i||l){let c=t._$AA;for(;c!==r;){let d=Fs(c).nextSibling;Fs(s).insertBefore(c,i),c=d}}}return t},I=(n,e,t=n)=>(n._$AI(e,t),n),Fi={},Vs=(n,e=Fi)=>n._$AH=e,Gs=n=>n._$AH,ze=n=>{n._$AR(),n._$AA.remove()};var Ys=(n,e,t)=>{let s=new Map;for(let i=e;i<=t;i++)s.set(n[i],i);return s},Js=Hs(class extends Be{constructor(n){if(super(n),n.type!==Ks.CHILD)throw Error("repeat() can only be used in text expressions")}dt(n,e,t){let s;t===void 0?t=e:e!==void 0&&(s=e);let i=[],r=[],a=0;for(let l of n)i[a]=s?s(l,a):a,r[a]=t(l,a),a++;return{values:r,keys:i}}render(n,e,t){return this.dt(n,e,t).values}update(n,[e,t,s]){let i=Gs(n),{values:r,keys:a}=this.dt(e,t,s);if(!Array.isArray(i))return this.ut=a,r;let l=this.ut??=[],c=[],d,_,p=0,f=i.length-1,m=0,b=r.length-1;for(;p<=f&&m<=b;)if(i[p]===null)p++;else if(i[f]===null)f--;else if(l[p]===a[m])c[m]=I(i[p],r[m]),p++,m++;else if(l[f]===a[b])c[b]=I(i[f],r[b]),f--,b--;else if(l[p]===a[b])c[b]=I(i[p],r[b]),te(n,c[b+1],i[p]),p++,b--;else if(l[f]===a[m])c[m]=I(i[f],r[m]),te(n,i[p],i[f]),f--,m++;else if(d===void 0&&(d=Ys(a,m,b),_=Ys(l,p,f)),d.has(l[p]))if(d.has(l[f])){let w=_.get(a[m]),G=w!==void 0?i[w]:null;if(G===null){let k=te(n,i[p]);I(k,r[m]),c[m]=k}else c[m]=I(G,r[m]),te(n,i[p],G),i[w]=null;m++}else ze(i[f]),f--;else ze(i[p]),p++;for(;m<=b;){let w=te(n,c[b+1]);I(w,r[m]),c[m++]=w}for(;p<=f;){let w=i[p++];w!==null&&ze(w)}return this.ut=a,Vs(n,c),j}});function Zs(n,e,{grouped:t,receipt:s}){let i=e.author===n.me,r=i?o("You"):e.expand?.author?.name||n.people.nameOf(e.author),a=e.updated&&e.updated!==e.created,l=!i&&(e.mentions||[]).includes(n.me),c=["msg",i&&"mine",t&&"grouped",l&&"mentions-me",n.flash===e.id&&"flash"].filter(Boolean).join(" ");return h`<li
    class=${c}
    data-id=${e.id}
    @contextmenu=${d=>{d.preventDefault(),n.menu(e,d.currentTarget.querySelector(".more"))}}
  >
    ${t?h`<span class="gutter"></span>`:Ie(n.people.user(e.author)||e.expand?.author||{id:e.author,name:r},n.base)}
    <div class="body">
      <div class="meta">
        ${t?u:h`<span class="author">${r}</span>`}
        ${!t&&n.people.user(e.author)?.suspended?h`<span class="edited">${o("suspended")}</span>`:u}
        <time datetime=${e.created} title=${O(e.created)}>${Ee(e.created)}</time>
        ${a&&!e.removed?h`<button type="button" class="link edited" aria-label=${o("edited: show what it said before")} @click=${()=>n.history(e)}>${o("edited")}</button>`:u}
        <button type="button" class="more" aria-haspopup="menu" aria-label=${o("Actions for the message by {name}",{name:r})} @click=${d=>n.menu(e,d.currentTarget)}>⋯</button>
      </div>
      ${e.reply?.id?Wi(n,e.reply):u}
      ${e.removed?h`<p class="withheld">${o("Removed by a moderator")}</p>`:e.withheld?h`<p class="withheld">
            ${e.withheld==="reported"?o("A message you reported"):o("A message from someone you blocked")}
            <button type="button" class="link" @click=${()=>n.show(e)}>${o("Show")}</button>
          </p>`:n.editing?.id===e.id?Vi(n,e):e.text?h`<p class="msg-text">${Ps(e.text).map(d=>d.href?h`<a href=${d.href} target="_blank" rel="noopener noreferrer">${d.text}</a>`:d.text)}</p>`:u}
      ${e.attachments?.length?Gi(n,e):u}
      ${e.reactions?.length?Yi(n,e):u}
      ${s?h`<p class="receipt">${s}</p>`:u}
    </div>
  </li>`}function Wi(n,e){if(e.deleted)return h`<p class="quote deleted">${o("Replying to a deleted message")}</p>`;if(e.removed)return h`<p class="quote deleted">${o("Replying to a message a moderator removed")}</p>`;if(e.withheld)return h`<p class="quote deleted">${o("Replying to a message from someone you blocked")}</p>`;let t=e.author===n.me?o("You"):e.authorName||o("Someone");return h`<button type="button" class="quote" @click=${()=>n.jump(e.id)}>
    <span class="visually-hidden">${o("Go to the message replied to:")} </span><span class="quote-author">${t}</span>
    <span class="quote-text">${e.text||(e.files?o("an attachment"):"")}</span>
  </button>`}function Vi(n,e){let t=s=>n.saveEdit(e,s.value);return h`<div class="editing">
    <textarea
      class="edit-text"
      aria-label=${o("Edit message")}
      rows="2"
      .value=${n.editing.text??e.text}
      @input=${s=>n.editing.text=s.target.value}
      @keydown=${s=>{s.key==="Enter"&&!s.shiftKey&&!s.isComposing?(s.preventDefault(),t(s.target)):s.key==="Escape"&&(s.preventDefault(),n.cancelEdit())}}
    ></textarea>
    <div class="actions">
      <button type="button" @click=${()=>n.cancelEdit()}>${o("Cancel")}</button>
      <button type="button" class="primary" @click=${s=>t(s.target.closest(".editing").querySelector("textarea"))}>${o("Save")}</button>
    </div>
    <p class="error" role="alert">${n.editing.error||""}</p>
  </div>`}function Gi(n,e){return h`<div class="msg-files">
    ${e.attachments.map(t=>{let s=(e.files||[]).find(l=>l.name===t),i=s?.original||Te(t),r=s?` (${de(s.size)})`:"",a=n.fileUrl(e,t);return a?Oe(t)?h`<a href=${a} target="_blank" rel="noopener noreferrer" @click=${l=>n.open(l,e,t)}
          ><img src=${n.fileUrl(e,t,"480x0")} alt=${i+r} title=${i+r} loading="lazy" @load=${n.imageLoaded}
        /></a>`:h`<a class="file" href=${a} target="_blank" rel="noopener noreferrer" download=${i}>📎 ${i}${r}</a>`:h`<span class="file">${i}</span>`})}
  </div>`}function Yi(n,e){return h`<div class="reactions">
    ${e.reactions.map(t=>{let s=n.reactors(e,t);return h`<button
        type="button"
        class="chip ${t.mine?"mine":""}"
        aria-pressed=${String(!!t.mine)}
        title=${s||`${t.emoji} ${t.count}`}
        aria-label=${s?`${t.emoji} ${t.count}: ${s}`:`${t.emoji} ${t.count}`}
        @mouseenter=${()=>n.whoReacted(e)}
        @focus=${()=>n.whoReacted(e)}
        @click=${()=>n.react(e,t.emoji)}
      >
        ${t.emoji} ${t.count}
      </button>`})}
  </div>`}function Qs(n,e){if(!n.length)return"";if(e===2)return o("Seen");let t=n.slice(0,3),s=n.length-t.length;return o("Seen by {names}",{names:U(s?[...t,s===1?o("1 other"):o("{n} others",{n:s})]:t)})}function V(n,e,t,s){n._confirm={question:e,yes:t,action:s},n.requestUpdate(),n.updateComplete.then(()=>n.renderRoot.querySelector("dialog.confirm")?.showModal())}function Ke(n){let e=n._confirm;if(!e)return u;let t=s=>{n.renderRoot.querySelector("dialog.confirm")?.close(),n._confirm=null,n.requestUpdate(),s&&e.action()};return h`<dialog class="confirm" role="alertdialog" aria-label=${e.question} @cancel=${()=>t(!1)}>
    <div class="body">
      <p>${e.question}</p>
      <div class="actions">
        <button type="button" @click=${()=>t(!1)}>${o("Cancel")}</button>
        <button type="button" class="primary" @click=${()=>t(!0)}>${e.yes}</button>
      </div>
    </div>
  </dialog>`}var Ji=()=>[["spam",o("Spam")],["harassment",o("Harassment")],["hate",o("Hate")],["violence",o("Violence or threats")],["sexual",o("Sexual content")],["self-harm",o("Self-harm")],["other",o("Something else")]];function Xs(n,e){n._menu=null,n._report={m:e,error:""},n.requestUpdate(),n.updateComplete.then(()=>n.renderRoot.querySelector("dialog.report")?.showModal())}function ei(n){let e=n._report;if(!e)return u;let t=()=>{n.renderRoot.querySelector("dialog.report")?.close(),n._report=null,n.requestUpdate()};return h`<dialog class="report" aria-labelledby="report-title" @cancel=${t}>
    <form class="body" @submit=${async i=>{i.preventDefault();let r=i.target.elements;try{await n.session.pb.collection("reports").create({message:e.m.id,reason:r.reason.value,details:r.details.value.trim()},{requestKey:null}),t()}catch(a){n._report={...e,error:g(a)},n.requestUpdate()}}}>
      <h2 id="report-title">${o("Report this message")}</h2>
      <p class="muted">${o("The server's administrators see it, with what it says now. Nobody else learns of it; it is hidden for you.")}</p>
      <label
        >${o("Why?")}
        <select name="reason" required>
          ${Ji().map(([i,r])=>h`<option value=${i}>${r}</option>`)}
        </select></label
      >
      <label>${o("Anything to add (optional)")} <textarea name="details" maxlength="1000" rows="3"></textarea></label>
      <p class="error" role="alert">${e.error}</p>
      <div class="actions">
        <button type="button" @click=${t}>${o("Cancel")}</button>
        <button type="submit" class="primary">${o("Report")}</button>
      </div>
    </form>
  </dialog>`}async function ti(n,e){n._history={m:e,versions:null,error:""},n.requestUpdate(),n.updateComplete.then(()=>n.renderRoot.querySelector("dialog.history")?.showModal());try{let t=await n.session.pb.send(`/api/chat/messages/${encodeURIComponent(e.id)}/versions`,{requestKey:null});n._history={...n._history,versions:t.items}}catch(t){n._history={...n._history,error:g(t)}}n.requestUpdate()}function si(n){let e=n._history;if(!e)return u;let t=()=>{n.renderRoot.querySelector("dialog.history")?.close(),n._history=null,n.requestUpdate()},s=i=>i.withheld?o("A message from someone you blocked"):i.text;return h`<dialog class="history" aria-labelledby="history-title" @cancel=${t}>
    <div class="body">
      <h2 id="history-title">${o("Edit history")}</h2>
      ${e.versions?h`<ol class="plain" aria-label=${o("Earlier versions")}>
            ${e.versions.map(i=>h`<li><p class="msg-version">${s(i)}</p><p class="muted">${o("until {time}",{time:O(i.updated)})}</p></li>`)}
            <li><p>${s(e.m)}</p><p class="muted">${o("now")}</p></li>
          </ol>`:e.error?u:h`<p class="muted">${o("Loading\u2026")}</p>`}
      <p class="error" role="alert">${e.error}</p>
      <div class="actions"><button type="button" @click=${t}>${o("Close")}</button></div>
    </div>
  </dialog>`}var Zi=n=>new URL(`elements/emoji-${n}.json`,import.meta.url).href,ii=null;async function Qi(){ii??=Promise.all([import("./elements/emoji-picker-element-K5RJAVR6.js"),import("./elements/de-VW7WLII6.js")]);let[,n]=await ii;return{de:n.default}}async function He(n){let{de:e}=await Qi(),t=n.renderRoot.querySelector("dialog.emoji"),s=t.querySelector("emoji-picker")||document.createElement("emoji-picker"),i=ks()==="de"?"de":"en";return s.locale=i,s.dataSource=Zi(i),i==="de"&&(s.i18n=e),s.isConnected||t.querySelector(".picker").append(s),t.showModal(),new Promise(r=>{let a=d=>{s.removeEventListener("emoji-click",l),t.removeEventListener("close",c),t.open&&t.close(),r(d)},l=d=>a(d.detail.unicode||""),c=()=>a("");s.addEventListener("emoji-click",l),t.addEventListener("close",c)})}function Fe(){return h`<dialog class="emoji" aria-label=${o("Pick an emoji")} style="padding:0;width:auto">
    <div class="picker"></div>
    <form method="dialog" class="actions" style="padding:0.4rem"><button>${o("Close")}</button></form>
  </dialog>`}var Xi=["\u{1F44D}","\u2764\uFE0F","\u{1F602}","\u{1F389}","\u{1F62E}","\u{1F622}","\u{1F64F}","\u{1F440}"];function ni(n){let e=n._row,t=n._s,s=n.session.people,i=[...t.members.keys()],r=t.memberCount===2?i.find(d=>d!==n.session.me):"",a=r?s.online(r)?o("online"):s.lastSeen(r)?o("last seen {time}",{time:O(s.lastSeen(r))}):"":"",l=t.memberCount-i.length,c=t.memberCount>8?o("{n} members",{n:t.memberCount}):U(i.map(d=>s.nameOf(d)))+(l>0?" "+o("and {n} more",{n:l}):"");return h`<header part="header">
    ${n.back?h`<button type="button" class="back" aria-label=${o("Back to conversations")} @click=${()=>n.emit("back",{})}>‹</button>`:u}
    <div class="titles">
      <h2 class="conv-title">${e?.title||""}</h2>
      <p class="muted conv-people">${[c,a].filter(Boolean).join(" \xB7 ")}</p>
    </div>
    ${n._pins?.state.pins.length?h`<button type="button" class="pinned" @click=${()=>n.renderRoot.querySelector("dialog.pins")?.showModal()}>
          📌 ${o("{n} pinned",{n:n._pins.state.pins.length})}
        </button>`:u}
    <button type="button" class="settings" aria-label=${o("People & settings")} @click=${()=>n.renderRoot.querySelector("pbchat-people").show()}>
      <span aria-hidden="true" class="icon">⚙</span><span aria-hidden="true" class="label">${o("People & settings")}</span>
    </button>
  </header>`}function ri(n,e){let t=e.waiting?o("Waiting for the connection\u2026"):e.error?o("Not sent"):o("Sending\u2026");return h`<li class="msg mine ${e.error?"failed":"pending"}" data-id=${e.id}>
    <span class="gutter"></span>
    <div class="body">
      <div class="meta"><span class="author">${o("You")}</span><span>${t}</span></div>
      ${e.text?h`<p class="msg-text">${e.text}</p>`:u}
      ${e.files.length?h`<p class="muted">${o("Attachments:")} ${e.files.map(s=>s.name).join(", ")}</p>`:u}
      ${e.error?h`<p class="msg-status" role="alert">
            ${e.error}
            ${e.final?u:h`<button type="button" class="link retry" @click=${()=>n._store.retry(e.id)}>${o("Retry")}</button>`}
            <button type="button" class="link" @click=${()=>n._store.discard(e.id,!0)}>${o("Edit")}</button>
            <button type="button" class="link" @click=${()=>n._store.discard(e.id)}>${o("Discard")}</button>
          </p>`:u}
    </div>
  </li>`}function oi(n){let{m:e,top:t,left:s}=n._menu,i=e.author===n.session.me;return h`<div class="menu" role="menu" aria-label=${o("Message actions")} style="top:${t}px;left:${s}px" @keydown=${r=>tn(n,r)}>
    <div class="emoji" role="group" aria-label=${o("React")}>
      ${Xi.map(r=>h`<button type="button" role="menuitem" aria-label=${o("React with {emoji}",{emoji:r})} @click=${()=>We(n,e,r)}>${r}</button>`)}
    </div>
    <button type="button" role="menuitem" @click=${()=>sn(n,e)}>${o("More reactions\u2026")}</button>
    <button type="button" role="menuitem" class="reply" @click=${()=>n._reply(e)}>${o("Reply")}</button>
    <button type="button" role="menuitem" @click=${()=>n._pin(e)}>${n._pins?.pinOf(e.id)?o("Unpin"):o("Pin")}</button>
    ${i&&!e.removed?h`<button type="button" role="menuitem" class="edit" @click=${()=>n._edit(e)}>${o("Edit")}</button>`:u}
    ${i?h`<button type="button" role="menuitem" class="delete danger" @click=${()=>n._delete(e)}>${o("Delete")}</button>`:u}
    ${!i&&!e.withheld&&!e.removed?h`<button type="button" role="menuitem" @click=${()=>Xs(n,e)}>${o("Report\u2026")}</button>`:u}
    ${!i&&e.author?en(n,e):u}
  </div>`}function en(n,e){let t=e.author,s=n.session.people.nameOf(t);return e.withheld==="blocked"||n.session.safety.blocks(t)?h`<button type="button" role="menuitem" @click=${()=>n._block(t)}>${o("Unblock {name}",{name:s})}</button>`:h`<button type="button" role="menuitem" class="danger" @click=${()=>n._block(t)}>${o("Block {name}",{name:s})}</button>`}function tn(n,e){let t=[...n.renderRoot.querySelectorAll(".menu button")],s=t.indexOf(n.renderRoot.activeElement);if(e.key==="Escape")return e.preventDefault(),n._closeMenu();let i={ArrowDown:1,ArrowRight:1,ArrowUp:-1,ArrowLeft:-1}[e.key];i&&(e.preventDefault(),t[(s+i+t.length)%t.length]?.focus())}async function We(n,e,t){n._menu=null;let s=n.client,i=n.session.me,r=n._s.messages.find(a=>a.id===e.id)||e;try{if(r.reactions?.find(a=>a.emoji===t&&a.mine)){let a=await s.collection("reactions").getFirstListItem(s.filter("message = {:m} && user = {:u} && emoji = {:e}",{m:e.id,u:i,e:t}),{requestKey:null});await s.collection("reactions").delete(a.id,{requestKey:null})}else await s.collection("reactions").create({message:e.id,emoji:t},{requestKey:null});n._reactors.delete(e.id)}catch(a){n._error=g(a),n.requestUpdate()}}async function sn(n,e){n._menu=null;let t=await He(n);t&&We(n,e,t)}async function ai(n,e){if(!n._reactors.has(e.id)){n._reactors.set(e.id,new Map);try{let t=n.client,s=await t.collection("reactions").getFullList({filter:t.filter("message = {:m}",{m:e.id}),expand:"user",requestKey:null,batch:100}),i=new Map;for(let r of s)i.set(r.emoji,[...i.get(r.emoji)||[],r.user===n.session.me?o("You"):r.expand?.user?.name||o("Someone")]);n._reactors.set(e.id,i),n.requestUpdate()}catch{n._reactors.delete(e.id)}}}function li(n){let e=n._pins?.state.pins||[],t=()=>n.renderRoot.querySelector("dialog.pins")?.close(),s=i=>{t(),n.reveal(i)};return h`<dialog class="pins" aria-labelledby="pins-title">
    <div class="body">
      <h2 id="pins-title">${o("Pinned messages")}</h2>
      <ul class="plain" aria-label=${o("Pinned messages")}>
        ${e.map(i=>{let r=i.expand?.message;return h`<li>
            <button type="button" class="link" @click=${()=>s(i.message)}>${r?R(r)||o("an attachment"):o("a message")}</button>
          </li>`})}
      </ul>
      <div class="actions"><button type="button" @click=${t}>${o("Close")}</button></div>
    </div>
  </dialog>`}function ci(n){return n.flatMap(e=>(e.attachments||[]).filter(Oe).map(t=>({m:e,name:t})))}function hi(n,e,t,s){if(!n)return u;let{m:i,name:r}=n.items[n.index],a=(i.files||[]).find(l=>l.name===r)?.original||Te(r);return h`<dialog
    class="lightbox"
    aria-label=${a}
    @close=${s}
    @keydown=${l=>{let c={ArrowLeft:-1,ArrowRight:1}[l.key];c&&(l.preventDefault(),t(c))}}
  >
    <figure>
      <img src=${e(i,r)} alt=${a} />
      <figcaption>
        ${a} · ${n.index+1} / ${n.items.length}
        <a href=${e(i,r)} target="_blank" rel="noopener noreferrer">${o("Open the original")}</a>
      </figcaption>
    </figure>
    <div class="actions">
      <button type="button" ?disabled=${n.index===0} @click=${()=>t(-1)}>${o("Previous")}</button>
      <button type="button" ?disabled=${n.index===n.items.length-1} @click=${()=>t(1)}>${o("Next")}</button>
      <button type="button" @click=${s}>${o("Close")}</button>
    </div>
  </dialog>`}var di=S`
  :host {
    display: flex;
    flex-direction: column;
    min-height: 0;
    min-width: 0;
    position: relative;
    container-type: inline-size;
  }
  .settings .icon {
    display: none;
  }
  @container (max-width: 520px) {
    .settings .icon {
      display: inline;
    }
    .settings .label {
      display: none;
    }
  }
  header {
    display: flex;
    align-items: center;
    gap: 0.5rem;
    padding: 0.55rem 0.75rem;
    border-bottom: 1px solid var(--_line);
  }
  header .titles {
    flex: 1;
    min-width: 0;
  }
  header h2 {
    margin: 0;
    font-size: 1.05rem;
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }
  header p {
    margin: 0;
    font-size: 0.85rem;
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }
  .back {
    font-size: 1.3rem;
    line-height: 1;
    padding: 0.2rem 0.6rem;
  }
  .scroller {
    flex: 1;
    overflow-y: auto;
    padding: 0.25rem 0;
  }
  .scroller:focus-visible {
    outline-offset: -2px;
  }
  ol {
    list-style: none;
    margin: 0;
    padding: 0;
  }
  .state {
    text-align: center;
    font-size: 0.85rem;
    margin: 0.5rem;
  }
  li.day,
  li.note,
  li.divider {
    text-align: center;
    font-size: 0.8rem;
    color: var(--_muted);
    margin: 0.6rem 0;
  }
  li.divider {
    display: flex;
    align-items: center;
    gap: 0.5rem;
    color: var(--_danger);
    font-weight: 600;
    margin: 0.4rem 0.75rem;
  }
  li.divider::before,
  li.divider::after {
    content: "";
    flex: 1;
    border-top: 1px solid currentColor;
  }
  .msg {
    display: flex;
    gap: 0.6rem;
    padding: 0.3rem 0.75rem;
  }
  .msg:hover {
    background: var(--_hover);
  }
  .msg.grouped {
    padding-top: 0;
  }
  .msg.grouped .meta {
    height: 0;
  }
  .msg.grouped .meta time {
    display: none;
  }
  .msg.grouped .more {
    position: relative;
    top: 0.2rem;
  }
  .msg.mentions-me {
    box-shadow: inset 3px 0 0 var(--_accent);
  }
  .msg.flash {
    background: var(--_flash);
  }
  .gutter {
    width: 2.25rem;
    flex: none;
  }
  .body {
    flex: 1;
    min-width: 0;
  }
  .meta {
    display: flex;
    gap: 0.5rem;
    align-items: baseline;
    font-size: 0.8rem;
    color: var(--_muted);
  }
  .author {
    font-weight: 600;
    font-size: 0.95rem;
    color: var(--_text);
  }
  .more {
    margin-left: auto;
    border: 0;
    background: none;
    padding: 0 0.4rem;
    opacity: 0.7;
  }
  .msg-text {
    margin: 0.1rem 0 0;
    white-space: pre-wrap;
    overflow-wrap: anywhere;
  }
  .msg-text a {
    color: var(--_link);
  }
  .meta .edited {
    padding: 0;
    font-size: inherit;
    color: var(--_muted);
    text-decoration: underline dotted;
  }
  .withheld {
    margin: 0.1rem 0;
    color: var(--_muted);
    font-style: italic;
  }
  .withheld .link {
    font-style: normal;
  }
  .quote {
    display: block;
    text-align: left;
    margin: 0.2rem 0;
    padding: 0.2rem 0.5rem;
    border: 0;
    border-left: 3px solid var(--_line);
    border-radius: 0;
    background: var(--_raised);
    font-size: 0.85rem;
    max-width: 100%;
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }
  .quote-author {
    font-weight: 600;
    margin-right: 0.4rem;
  }
  .msg-files {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
    margin-top: 0.3rem;
  }
  .msg-files img {
    max-width: min(100%, 320px);
    max-height: 240px;
    border-radius: var(--_radius);
    display: block;
  }
  .msg-files a {
    color: var(--_link);
  }
  .reactions {
    display: flex;
    flex-wrap: wrap;
    gap: 0.3rem;
    margin-top: 0.25rem;
  }
  .chip {
    padding: 0.05rem 0.5rem;
    border-radius: 999px;
    font-size: 0.85rem;
  }
  .chip.mine {
    border-color: var(--_accent);
    background: var(--_mine);
  }
  .receipt {
    margin: 0.15rem 0 0;
    font-size: 0.78rem;
    color: var(--_muted);
  }
  .msg.pending .msg-text {
    opacity: 0.75;
  }
  .msg-status {
    font-size: 0.85rem;
    margin: 0.2rem 0 0;
  }
  .msg.failed .msg-status {
    color: var(--_danger);
  }
  .editing textarea {
    width: 100%;
    resize: vertical;
  }
  .editing .actions {
    justify-content: flex-start;
    margin-top: 0.3rem;
  }
  .typing {
    min-height: 1.3rem;
    margin: 0;
    padding: 0 0.75rem;
    font-size: 0.82rem;
    color: var(--_muted);
  }
  .jump {
    position: absolute;
    left: 50%;
    transform: translateX(-50%);
    z-index: 1;
    border-radius: 999px;
    box-shadow: 0 2px 10px rgb(0 0 0 / 0.15);
  }
  .jump.up {
    top: 3.6rem;
  }
  .jump.down {
    bottom: 6.5rem;
  }
  .menu {
    position: fixed;
    z-index: 10;
    display: grid;
    gap: 0.15rem;
    min-width: 13rem;
    padding: 0.35rem;
    background: var(--_surface);
    border: 1px solid var(--_line);
    border-radius: var(--_radius);
    box-shadow: 0 6px 24px rgb(0 0 0 / 0.2);
  }
  .menu button {
    border: 0;
    background: none;
    text-align: left;
  }
  .menu button:hover,
  .menu button:focus-visible {
    background: var(--_hover);
  }
  .menu .emoji {
    display: flex;
    flex-wrap: wrap;
  }
  .menu .emoji button {
    padding: 0.25rem 0.35rem;
    font-size: 1.1rem;
  }
  dialog.lightbox {
    width: min(96vw, 70rem);
    max-height: 96vh;
  }
  .lightbox figure {
    margin: 0;
    display: grid;
    gap: 0.5rem;
    justify-items: center;
  }
  .lightbox img {
    max-width: 100%;
    max-height: 75vh;
    object-fit: contain;
  }
  .lightbox a {
    color: var(--_link);
    margin-left: 0.5rem;
  }
  .placeholder {
    margin: auto;
    padding: 2rem;
    color: var(--_muted);
  }
`;var nn=10<<20,ui=10,Dt=class extends y{static properties={store:{attribute:!1},session:{attribute:!1},_draft:{state:!0},_members:{state:!0},_suggest:{state:!0},_error:{state:!0},_dragging:{state:!0}};static styles=[$,S`
      :host {
        display: block;
        padding: 0.5rem 0.75rem 0.75rem;
        border-top: 1px solid var(--_line);
        position: relative;
      }
      :host([dragging]) {
        outline: 2px dashed var(--_accent);
        outline-offset: -4px;
      }
      .row {
        display: flex;
        gap: 0.5rem;
        align-items: flex-end;
      }
      textarea {
        flex: 1;
        resize: none;
        min-height: 2.4rem;
        max-height: 10rem;
        field-sizing: content;
      }
      .attach {
        display: inline-grid;
        place-items: center;
        width: 2.4rem;
        height: 2.4rem;
        border: 1px solid var(--_line);
        border-radius: var(--_radius);
        cursor: pointer;
      }
      .attach input {
        position: absolute;
        width: 1px;
        height: 1px;
        opacity: 0;
      }
      .attach:focus-within {
        outline: 2px solid var(--_accent);
      }
      .files {
        display: flex;
        flex-wrap: wrap;
        gap: 0.5rem;
        margin-bottom: 0.5rem;
      }
      .files li {
        display: flex;
        align-items: center;
        gap: 0.35rem;
        padding: 0.25rem 0.4rem;
        border: 1px solid var(--_line);
        border-radius: var(--_radius);
        background: var(--_raised);
        font-size: 0.85rem;
      }
      .files img {
        width: 3rem;
        height: 3rem;
        object-fit: cover;
        border-radius: calc(var(--_radius) / 2);
      }
      .reply {
        display: flex;
        gap: 0.5rem;
        align-items: center;
        margin-bottom: 0.4rem;
        padding: 0.3rem 0.5rem;
        border-left: 3px solid var(--_accent);
        background: var(--_raised);
        font-size: 0.9rem;
      }
      .reply span {
        flex: 1;
        overflow: hidden;
        text-overflow: ellipsis;
        white-space: nowrap;
      }
      .suggest {
        position: absolute;
        bottom: 100%;
        left: 0.75rem;
        min-width: 14rem;
        background: var(--_surface);
        border: 1px solid var(--_line);
        border-radius: var(--_radius);
        box-shadow: 0 4px 16px rgb(0 0 0 / 0.15);
        padding: 0.25rem;
      }
      .suggest button {
        display: block;
        width: 100%;
        text-align: left;
        border: 0;
        background: none;
      }
      .suggest button[aria-selected="true"] {
        background: var(--_selected);
      }
    `];constructor(){super(),this._draft=null,this._suggest=null,this._error="",this._previews=new Map}willUpdate(){this.store!==this._following&&(this._off?.(),this._following=this.store,this._error="",this._suggest=null,this._off=this.store?.subscribe(e=>{this._draft=e.draft,this._members=e.members}))}connectedCallback(){super.connectedCallback(),this.requestUpdate()}disconnectedCallback(){super.disconnectedCallback(),this._off?.(),this._off=this._following=null;for(let e of this._previews.values())URL.revokeObjectURL(e);this._previews.clear()}focus(){this.renderRoot.querySelector("textarea")?.focus()}_input(e){this.store.setDraft({text:e.target.value}),e.target.value&&this.session?.client.typing(this.store.id),this._complete(e.target)}_keydown(e){if(this._suggest&&(e.key==="Enter"||e.key==="Tab"))return e.preventDefault(),this._choose(this._suggest.found[this._suggest.index]);let t=this._suggest&&{ArrowDown:1,ArrowUp:-1}[e.key];if(t){e.preventDefault();let s=this._suggest.found.length;this._suggest={...this._suggest,index:(this._suggest.index+t+s)%s};return}if(e.key==="Escape"){this._suggest?this._suggest=null:this._draft.replyTo&&this.store.setDraft({replyTo:null});return}if(e.key==="ArrowUp"&&!e.target.value){e.preventDefault(),this.dispatchEvent(new CustomEvent("pbchat-edit-last",{bubbles:!0,composed:!0}));return}e.key==="Enter"&&!e.shiftKey&&!e.isComposing&&(e.preventDefault(),this._send())}async _emoji(){let e=this.renderRoot.querySelector("textarea"),t=e.selectionStart??e.value.length,s=await He(this);if(!s)return e.focus();let i=e.value.slice(0,t)+s+e.value.slice(e.selectionEnd??t);this.store.setDraft({text:i}),e.value=i,e.focus(),e.setSelectionRange(t+s.length,t+s.length)}_send(){this._error="",this._suggest=null,this.store.send()}_complete(e){let t=e.value.slice(0,e.selectionStart).match(/(?:^|\s)@([\p{L}\p{N}_.-]*)$/u);if(!t)return this._suggest=null;let s=t[1].toLowerCase(),i=this.session.people,r=[...this._members?.keys()||[]].filter(a=>a!==this.session.me).map(a=>({id:a,name:i.nameOf(a)})).filter(a=>a.name.toLowerCase().startsWith(s)).slice(0,8);this._suggest=r.length?{found:r,typed:t[1].length,index:0}:null}_choose(e){let t=this.renderRoot.querySelector("textarea"),s=t.selectionStart,i=`@${e.name}`,r=s-this._suggest.typed-1,a=t.value.slice(0,r)+i+" "+t.value.slice(s);this._suggest=null,this.store.setDraft({text:a,mentions:[...this._draft.mentions,[i,e.id]]}),t.value=a;let l=r+i.length+1;t.setSelectionRange(l,l),t.focus()}addFiles(e){let t=[...this._draft.files],s=[];for(let i of e)i.size>nn?s.push(o("{name} is {size}: the limit is 10 MB.",{name:i.name,size:de(i.size)})):t.length>=ui?s.push(o("At most {n} files to a message.",{n:ui})):t.push(i);this._error=s.join(" "),this.store.setDraft({files:t})}_removeFile(e){URL.revokeObjectURL(this._previews.get(e)),this._previews.delete(e),this.store.setDraft({files:this._draft.files.filter(t=>t!==e)})}_preview(e){return e.type?.startsWith("image/")?(this._previews.has(e)||this._previews.set(e,URL.createObjectURL(e)),h`<img src=${this._previews.get(e)} alt="" />`):u}_paste(e){let t=[...e.clipboardData?.files||[]];t.length&&(e.preventDefault(),this.addFiles(t))}_drag(e,t){[...e.dataTransfer?.types||[]].includes("Files")&&(e.preventDefault(),this.toggleAttribute("dragging",t),e.type==="drop"&&this.addFiles([...e.dataTransfer.files]))}render(){let e=this._draft;if(!e)return u;let t=this.session.people;return h`<form
      @submit=${s=>(s.preventDefault(),this._send())}
      @dragover=${s=>this._drag(s,!0)}
      @dragleave=${s=>this._drag(s,!1)}
      @drop=${s=>this._drag(s,!1)}
    >
      ${this._suggest?h`<ul class="plain suggest" role="listbox" aria-label=${o("People to mention")}>
            ${this._suggest.found.map((s,i)=>h`<li><button type="button" role="option" aria-selected=${String(i===this._suggest.index)} @mousedown=${r=>r.preventDefault()} @click=${()=>this._choose(s)}>${s.name}</button></li>`)}
          </ul>`:u}
      ${e.replyTo?h`<div class="reply">
            <span>${o("Replying to {name}:",{name:e.replyTo.author===this.session.me?o("yourself"):e.replyTo.authorName||t.nameOf(e.replyTo.author)})} ${e.replyTo.text||o("an attachment")}</span>
            <button type="button" class="link" aria-label=${o("Cancel the reply")} @click=${()=>this.store.setDraft({replyTo:null})}>×</button>
          </div>`:u}
      ${e.files.length?h`<ul class="plain files" aria-label=${o("Files to send")}>
            ${e.files.map(s=>h`<li>
                ${this._preview(s)}<span>${s.name} (${de(s.size)})</span>
                <button type="button" class="link" aria-label=${o("Remove {name}",{name:s.name})} @click=${()=>this._removeFile(s)}>×</button>
              </li>`)}
          </ul>`:u}
      <p class="error" role="alert">${this._error}</p>
      <div class="row">
        <label class="attach" title=${o("Attach files")}
          ><svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true">
            <path fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" d="M21 11.5l-8.6 8.6a5 5 0 0 1-7.1-7.1l8.6-8.6a3.3 3.3 0 0 1 4.7 4.7l-8.6 8.6a1.7 1.7 0 0 1-2.4-2.4l7.9-7.9" /></svg
          ><span class="visually-hidden">${o("Attach files")}</span>
          <input type="file" multiple @change=${s=>(this.addFiles([...s.target.files]),s.target.value="")} />
        </label>
        <textarea
          rows="1"
          aria-label=${o("Message")}
          placeholder=${o("Write a message\u2026")}
          maxlength="10000"
          .value=${e.text}
          @input=${this._input}
          @keydown=${this._keydown}
          @paste=${this._paste}
        ></textarea>
        <button type="button" class="attach" aria-label=${o("Insert an emoji")} title=${o("Insert an emoji")} @click=${this._emoji}>🙂</button>
        <button type="submit" class="primary">${o("Send")}</button>
      </div>
    </form>
    ${Fe()}`}};customElements.get("pbchat-composer")||customElements.define("pbchat-composer",Dt);function Mt(n){return String(n).match(/[#&]join=([A-Za-z0-9_-]+)/)?.[1]||""}function pi(n,e){return`${String(n).replace(/\/$/,"")}/#join=${e}`}var It=class extends y{static properties={session:{attribute:!1},token:{type:String},_preview:{state:!0},_error:{state:!0},_busy:{state:!0}};static styles=[$];willUpdate(e){(e.has("token")||e.has("session"))&&this._load()}_path(){return`/api/chat/join/${encodeURIComponent(this.token||"")}`}async _load(){if(this._preview=null,this._error="",!(!this.session||!this.token))try{this._preview=await this.session.pb.send(this._path(),{requestKey:null})}catch(e){this._error=g(e)}}async _join(){this._busy=!0;try{let e=await this.session.pb.send(this._path(),{method:"POST",requestKey:null});await this.session.inbox.refresh(e.id),this.dispatchEvent(new CustomEvent("pbchat-open",{detail:{conversation:e.id},bubbles:!0,composed:!0,cancelable:!0}))}catch(e){this._error=g(e)}finally{this._busy=!1}}render(){let e=this._preview,t=e?e.title||U((e.heroes||[]).map(s=>s.name)):"";return h`<section class="join" aria-label=${o("Invite link")} style="padding: 1.5rem; max-width: 32rem">
      <h2>${o("Invite link")}</h2>
      ${e?h`<p>${o("Join \u201C{title}\u201D?",{title:t})} <span class="muted">${o("{n} members",{n:e.members})}</span></p>
            <div class="actions" style="justify-content: flex-start">
              ${e.member?h`<button type="button" class="primary" @click=${this._join}>${o("Open it: you are a member")}</button>`:h`<button type="button" class="primary" ?disabled=${this._busy} @click=${this._join}>${o("Join")}</button>`}
            </div>`:this._error?u:h`<p class="muted">${o("Loading\u2026")}</p>`}
      <p class="error" role="alert">${this._error}</p>
    </section>`}};customElements.get("pbchat-join")||customElements.define("pbchat-join",It);var Bt=class extends y{static properties={session:{attribute:!1},store:{attribute:!1},_state:{state:!0},_found:{state:!0},_error:{state:!0},_status:{state:!0},_invited:{state:!0},_links:{state:!0}};static styles=[$];constructor(){super(),this._found=[],this._error="",this._status="",this._invited=[],this._links=[]}show(){this._found=[],this._error="",this._status="",this._retentionDays=void 0,this._off?.(),this._loadInvited(),this._loadLinks(),this.session.safety.wantBlocks();let e=-1,t=[this.store.subscribe(s=>{this._state=s,e>=0&&s.memberCount!==e&&(this._loadInvited(),this._loadLinks()),e=s.memberCount}),this.session.inbox.subscribe(()=>this.requestUpdate()),this.session.safety.subscribe(()=>this.requestUpdate())];this._off=()=>t.forEach(s=>s()),this.updateComplete.then(()=>this.renderRoot.querySelector("dialog.people").showModal())}close(){this.renderRoot.querySelector("dialog.people")?.close()}disconnectedCallback(){super.disconnectedCallback(),this._off?.()}get _row(){return this.session.inbox.row(this.store.id)}async _act(e){try{await e(),this._error=""}catch(t){this._error=g(t)}}_rename(e){e.preventDefault();let t=e.target.elements.title.value.trim();return this._act(()=>this.session.pb.collection("conversations").update(this.store.id,{title:t},{requestKey:null}))}_mute(e){let t=e.target.value;if(t==="keep")return;let s=this._row.member,i={muted:t==="forever",mutedUntil:/^\d+$/.test(t)?ue(Date.now()+Number(t)*36e5):""};return this._act(async()=>{let r=await this.session.pb.collection("members").update(s.id,i,{requestKey:null});this.session.inbox.setMember(this.store.id,{muted:r.muted,mutedUntil:r.mutedUntil})})}_search(e){let t=e.target.value;clearTimeout(this._timer),this._timer=setTimeout(()=>this._act(async()=>this._found=await ee(this.session,t,new Set(this._state.members.keys()))),150)}async _loadInvited(){let e=this.session.pb;try{this._invited=await e.collection("invitations").getFullList({batch:100,filter:e.filter("conversation = {:id}",{id:this.store.id}),sort:"created",expand:"invitee",requestKey:null})}catch{this._invited=[]}}async _loadLinks(){let e=this.session.pb;try{this._links=await e.collection("inviteLinks").getFullList({batch:100,filter:e.filter("conversation = {:id}",{id:this.store.id}),sort:"-created",requestKey:null})}catch{this._links=[]}}_retention(e){let t=Number(e.target.value);return this._act(async()=>{await this.session.pb.collection("conversations").update(this.store.id,{retentionDays:t},{requestKey:null}),this._retentionDays=t})}_retentionView(e){let t=this._retentionDays??this._row.record.retentionDays??0,s=[[0,o("As long as the server keeps them")],[1,o("1 day")],[7,o("7 days")],[30,o("30 days")],[90,o("90 days")],[365,o("1 year")]];return h`<label
      >${o("Keep messages for")}
      <select ?disabled=${!e} @change=${this._retention}>
        ${s.map(([i,r])=>h`<option value=${i} ?selected=${i===t}>${r}</option>`)}
      </select></label
    >`}_makeLink(e){e.preventDefault();let t=e.target.elements,s=ue(Date.now()+Number(t.days.value)*864e5);return this._act(async()=>{let i=await this.session.pb.collection("inviteLinks").create({conversation:this.store.id,expires:s,maxUses:Number(t.uses.value)},{requestKey:null});await this._loadLinks(),this._status=o("Link made: {url}",{url:this._url(i)}),this._copy(i)})}_url(e){return pi(this.session.pb.baseURL||location.origin,e.token)}async _copy(e){let t=this._url(e);try{await navigator.clipboard.writeText(t),this._status=o("Link copied: {url}",{url:t})}catch{this._status=o("Link made: {url}",{url:t})}}_revoke(e){return this._act(async()=>{await this.session.pb.collection("inviteLinks").delete(e.id,{requestKey:null}),await this._loadLinks()})}_linksView(){return h`<h3>${o("Invite links")}</h3>
      ${this._links.length?h`<ul class="plain" aria-label=${o("Invite links")}>
            ${this._links.map(e=>h`<li class="actions" style="justify-content: space-between">
                <span>${o("Used {uses} of {max} times, until {until}",{uses:e.uses,max:e.maxUses,until:O(e.expires)})}</span>
                <span class="actions">
                  <button type="button" @click=${()=>this._copy(e)}>${o("Copy")}</button>
                  <button type="button" class="danger" @click=${()=>this._revoke(e)}>${o("Revoke")}</button>
                </span>
              </li>`)}
          </ul>`:u}
      <form @submit=${this._makeLink} style="grid-template-columns: minmax(0, 1fr) minmax(0, 1fr) auto; align-items: end">
        <label
          >${o("Valid for")}
          <select name="days">
            <option value="1">${o("1 day")}</option>
            <option value="7" selected>${o("7 days")}</option>
            <option value="30">${o("30 days")}</option>
          </select></label
        >
        <label
          >${o("Uses")}
          <select name="uses">
            ${[1,10,25,100,1e3].map(e=>h`<option value=${e} ?selected=${e===25}>${e}</option>`)}
          </select></label
        >
        <button type="submit">${o("Make a link")}</button>
      </form>`}_add(e){return this._found=[],this.renderRoot.querySelector("input[type=search]").value="",this._act(async()=>{let t=await this.session.add(this.store.id,e.id);this._status=t==="invited"?o("{name} is invited: they join once they accept.",{name:e.name}):"",t==="invited"&&await this._loadInvited()})}_withdraw(e){return this._act(async()=>{await this.session.pb.collection("invitations").delete(e.id,{requestKey:null}),await this._loadInvited()})}_block(e){let t=this.session.safety;if(t.blocks(e))return this._act(()=>t.unblock(e));let s=this.session.people.nameOf(e);V(this,o("Block {name}? Their messages are hidden from you and never notify you, and they can't add you to conversations. They aren't told.",{name:s}),o("Block"),()=>this._act(()=>t.block(e)))}_remove(e){return this._act(()=>this.session.pb.collection("members").delete(e.id,{requestKey:null}))}_leave(){V(this,o("Leave this conversation? You won't see its messages any more."),o("Leave"),()=>this._act(async()=>{await this.session.pb.collection("members").delete(this._row.member.id,{requestKey:null}),this.close(),this.session.drop(this.store.id)}))}_delete(){V(this,o("Delete this conversation and all its messages for everyone?"),o("Delete"),()=>this._act(async()=>{await this.session.pb.collection("conversations").delete(this.store.id,{requestKey:null}),this.close(),this.session.drop(this.store.id)}))}render(){let e=this._state,t=e&&this._row;if(!t)return h`<dialog class="people"></dialog>`;let s=t.member||{},i=s.role==="owner",r=this.session.people,a=W(s),l=e.memberCount-e.members.size;return h`<dialog class="people" aria-labelledby="people-title" part="dialog">
        <div class="body">
          <h2 id="people-title">${o("People & settings")}</h2>
          <form @submit=${this._rename} style="grid-template-columns: minmax(0, 1fr) auto; align-items: end">
            <label>${o("Title")} <input name="title" maxlength="200" .value=${t.record.title||""} /></label>
            <button type="submit">${o("Rename")}</button>
          </form>
          <label
            >${o("Notifications")}
            <select @change=${this._mute}>
              <option value="" ?selected=${!a}>${o("On")}</option>
              ${s.mutedUntil&&!s.muted&&a?h`<option value="keep" selected>${o("Muted {until}",{until:As(s.mutedUntil)})}</option>`:u}
              <option value="1">${o("Muted for 1 hour")}</option>
              <option value="8">${o("Muted for 8 hours")}</option>
              <option value="forever" ?selected=${!!s.muted}>${o("Muted until I turn them back on")}</option>
            </select></label
          >
          <h3>${o("People")}</h3>
          <ul class="plain" aria-label=${o("Members")}>
            ${[...e.members.values()].map(c=>h`<li class="actions" style="justify-content: space-between">
                <span>${r.nameOf(c.user)}${c.role==="owner"?` (${o("owner")})`:""}${r.user(c.user)?.suspended?` (${o("suspended")})`:""}</span>
                <span class="actions">
                  ${c.user!==this.session.me?h`<button type="button" @click=${()=>this._block(c.user)}>
                        ${this.session.safety.blocks(c.user)?o("Unblock"):o("Block")}<span class="visually-hidden"> ${r.nameOf(c.user)}</span>
                      </button>`:u}
                  ${i&&c.user!==this.session.me?h`<button type="button" class="danger" @click=${()=>this._remove(c)}>${o("Remove")}<span class="visually-hidden"> ${r.nameOf(c.user)}</span></button>`:u}
                </span>
              </li>`)}
            ${l>0?h`<li class="muted">${o("and {n} more",{n:l})}</li>`:u}
          </ul>
          ${this._invited.length?h`<h3>${o("Invited")}</h3>
                <ul class="plain" aria-label=${o("Invited")}>
                  ${this._invited.map(c=>{let d=c.expand?.invitee?.name||o("Someone");return h`<li class="actions" style="justify-content: space-between">
                      <span>${d}</span>
                      ${i||c.inviter===this.session.me?h`<button type="button" @click=${()=>this._withdraw(c)}>${o("Withdraw")}<span class="visually-hidden"> ${d}</span></button>`:u}
                    </li>`})}
                </ul>`:u}
          ${this._retentionView(i)}
          <label
            >${o("Who can pin messages")}
            <select ?disabled=${!i} @change=${c=>this._act(()=>this.session.pb.collection("conversations").update(this.store.id,{pinsBy:c.target.value},{requestKey:null}))}>
              <option value="members" ?selected=${t.record.pinsBy!=="owners"}>${o("Every member")}</option>
              <option value="owners" ?selected=${t.record.pinsBy==="owners"}>${o("Owners only")}</option>
            </select></label
          >
          ${i?this._linksView():u}
          <label>${o("Add people by name")} <input type="search" autocomplete="off" @input=${this._search} /></label>
          ${this._found.length?h`<ul class="plain" aria-label=${o("People found")}>
                ${this._found.map(c=>h`<li><button type="button" class="link" @click=${()=>this._add(c)}>${o("Add")} ${c.name}</button></li>`)}
              </ul>`:u}
          <p class="muted" role="status">${this._status}</p>
          <p class="error" role="alert">${this._error}</p>
          <div class="actions">
            <button type="button" class="danger" @click=${this._leave}>${o("Leave conversation")}</button>
            ${i?h`<button type="button" class="danger" @click=${this._delete}>${o("Delete conversation")}</button>`:u}
            <button type="button" @click=${this.close}>${o("Close")}</button>
          </div>
        </div>
      </dialog>
      ${Ke(this)}`}};customElements.get("pbchat-people")||customElements.define("pbchat-people",Bt);var rn=300*1e3,on=100,Ve=class extends P{static properties={...P.properties,conversation:{type:String,reflect:!0},back:{type:Boolean},_s:{state:!0},_menu:{state:!0},_editing:{state:!0},_flash:{state:!0},_below:{state:!0},_unreadAbove:{state:!0},_announce:{state:!0},_lightbox:{state:!0}};static styles=[$,di];constructor(){super(),this._s=null,this._reactors=new Map,this._onVisible=()=>this._read(),this._onOutside=e=>this._menu&&!e.composedPath().some(t=>t.classList?.contains("menu")||t.classList?.contains("more"))&&this._closeMenu()}connectedCallback(){super.connectedCallback(),document.addEventListener("visibilitychange",this._onVisible),document.addEventListener("pointerdown",this._onOutside)}disconnectedCallback(){super.disconnectedCallback(),document.removeEventListener("visibilitychange",this._onVisible),document.removeEventListener("pointerdown",this._onOutside)}run(e){let t=[e.inbox,e.people,e.files,e.safety].map(s=>s.subscribe(()=>this.requestUpdate()));return this._open(),()=>{t.forEach(s=>s()),this._unsubscribe?.(),this._store=this._s=null}}signedOut(){this._s=null}willUpdate(e){super.willUpdate(e),e.has("conversation")&&this.session&&this._store?.id!==this.conversation&&this._open();let t=this._scroller;t&&(this._wasAtBottom=t.scrollHeight-t.scrollTop-t.clientHeight<80,this._fromBottom=t.scrollHeight-t.scrollTop)}get _scroller(){return this.renderRoot?.querySelector?.(".scroller")}get _row(){return this.session?.inbox.row(this.conversation)||null}_open(){let e=this._scroller;if(this._store&&e&&(this._store.scrollFromBottom=e.scrollHeight-e.scrollTop-e.clientHeight<80?null:e.scrollHeight-e.scrollTop),this._unsubscribe?.(),this._unsubscribe=null,this._store=null,this._s=null,this._menu=this._editing=null,this._below=!1,!this.session||!this.conversation)return;let t=this.session.conversation(this.conversation);this._store=t;let s=this._row;t.enter(s?.unread&&s.member?.lastReadAt||""),this._toUnread=!0,this._reached=this._reaching=!1;let i=t.state.messages.at(-1)?.id,r=t.state.pending.length;this._unsubscribe=t.subscribe(c=>{let d=c.messages.at(-1);d&&d.id!==i&&i!==void 0&&d.author!==this.session.me&&(this._announce=`${this.session.people.nameOf(d.author)}: ${R(d)}`,this._wasAtBottom||(this._below=!0)),c.pending.length>r&&(this._toEnd=!0),r=c.pending.length,i=d?.id??null,this._s=c}),this._pins=this.session.pinsOf(this.conversation);let a=this._pins.subscribe(()=>this.requestUpdate()),l=this._unsubscribe;this._unsubscribe=()=>(l(),a())}_pin(e){this._menu=null;let t=this._pins;(t.pinOf(e.id)?t.unpin(e.id):t.pin(e.id)).catch(s=>(this._error=g(s),this.requestUpdate()))}updated(){let e=this._scroller;if(!e||!this._s)return;let t=this._firstId;if(this._firstId=this._s.messages[0]?.id,this._toUnread&&this._s.loaded){let s=this._store.firstUnread;if(this._reaching)return;if(!s&&(this._row?.unread||0)>0&&this._s.hasOlder&&!this._reached){this._reached=this._reaching=!0,this._store.reachUnread().finally(()=>(this._reaching=!1,this.requestUpdate()));return}this._toUnread=!1;let i=s&&this.renderRoot.querySelector("li.divider"),r=this._store.scrollFromBottom;i?i.scrollIntoView({block:"start"}):r&&!(this._row?.unread>0)?e.scrollTop=e.scrollHeight-r:e.scrollTop=e.scrollHeight}else this._wasAtBottom||this._toEnd?(this._toEnd=!1,e.scrollTop=e.scrollHeight):t&&this._firstId!==t&&(e.scrollTop=e.scrollHeight-this._fromBottom);this._scrolled()}_scrolled(){let e=this._scroller;if(!e||!this._s)return;let t=e.scrollHeight-e.scrollTop-e.clientHeight<80;t&&this._below&&(this._below=!1),e.scrollTop<60&&this._s.hasOlder&&this._store.loadOlder();let s=this.renderRoot.querySelector("li.divider"),i=!!this._store.state.divider&&(this._row?.unread||0)>0&&(!s||s.getBoundingClientRect().bottom<e.getBoundingClientRect().top);i!==this._unreadAbove&&(this._unreadAbove=i),t&&this._read()}_read(){if(!this._store||document.visibilityState==="hidden")return;let e=this._scroller;if(!e||e.scrollHeight-e.scrollTop-e.clientHeight>=80)return;let t=this._store.newest;t&&this.session.markRead(this.conversation,t.created)}async _jumpToUnread(){await this._store.reachUnread(),await this.updateComplete,this.renderRoot.querySelector("li.divider")?.scrollIntoView({block:"start"})}_toBottom(){let e=this._scroller;e.scrollTop=e.scrollHeight,this._below=!1}async reveal(e){return await this._store?.reach(s=>s.id===e)?(this._flash=e,await this.updateComplete,this.renderRoot.querySelector(`li[data-id="${CSS.escape(e)}"]`)?.scrollIntoView({block:"center"}),setTimeout(()=>this._flash===e&&(this._flash=null),1600),!0):!1}focus(){this.renderRoot.querySelector("pbchat-composer")?.focus()}_fileUrl(e,t,s){let i=this.session.fileToken();return i?this.client.files.getURL(e,t,{token:i,...s?{thumb:s}:{}}):""}_openImage(e,t,s){if(e.ctrlKey||e.metaKey||e.shiftKey||e.button!==0)return;e.preventDefault();let i=ci(this._s.messages);this._lightbox={items:i,index:Math.max(0,i.findIndex(r=>r.m.id===t.id&&r.name===s))},this.updateComplete.then(()=>this.renderRoot.querySelector("dialog.lightbox")?.showModal())}_openMenu(e,t){this.session.safety.wantBlocks();let s=t.getBoundingClientRect();this._menu={m:e,top:Math.min(s.bottom+4,innerHeight-260),left:Math.max(8,Math.min(s.right-220,innerWidth-240))},this.updateComplete.then(()=>this.renderRoot.querySelector(".menu button")?.focus())}_closeMenu(){let e=this._menu?.m;this._menu=null,e&&this.updateComplete.then(()=>this.renderRoot.querySelector(`li[data-id="${CSS.escape(e.id)}"] .more`)?.focus())}_reply(e){this._menu=null;let t=e.expand?.author?.name||this.session.people.nameOf(e.author);this._store.setDraft({replyTo:{id:e.id,author:e.author,authorName:t,text:R(e)}}),this.focus()}_edit(e){this._menu=null,this._editing={id:e.id,text:e.text},this.updateComplete.then(()=>this.renderRoot.querySelector(".edit-text")?.focus())}_editLast(){let e=this._s?.messages.findLast(t=>t.author===this.session.me&&!t.removed);e&&this._edit(e)}async _saveEdit(e,t){try{t.trim()!==e.text&&await this._store.edit(e.id,t.trim()),this._editing=null,this.focus()}catch(s){this._editing={...this._editing,text:t,error:g(s)}}}_block(e){this._menu=null;let t=this.session.safety,s=r=>(this._error=g(r),this.requestUpdate());if(t.blocks(e)||this._s.messages.some(r=>r.author===e&&r.withheld==="blocked"))return t.unblock(e).catch(s);let i=this.session.people.nameOf(e);V(this,o("Block {name}? Their messages are hidden from you and never notify you, and they can't add you to conversations. They aren't told.",{name:i}),o("Block"),()=>t.block(e).catch(s))}_delete(e){this._menu=null,V(this,o("Delete this message for everyone?"),o("Delete"),()=>this._store.remove(e.id).catch(t=>(this._error=g(t),this.requestUpdate())))}_timeline(){let e=this._s,t=this.session.me,s=this._store.firstUnread,i=e.messages.findLast(d=>d.author===t),r=[],a=[...e.messages,...e.notes].sort((d,_)=>d.created.localeCompare(_.created)),l=null,c="";for(let d of a){let _=xs(d.created);if(_!==c&&(r.push({key:`day-${_}`,view:h`<li class="day">${_}</li>`}),c=_,l=null),d.note){r.push({key:`note-${d.created}-${d.note}`,view:h`<li class="note">${d.note}</li>`}),l=null;continue}d===s&&(r.push({key:"divider",view:h`<li class="divider">${o("New messages")}</li>`}),l=null);let p=!!l&&l.author===d.author&&F(d.created)-F(l.created)<rn,f="";d===i&&e.memberCount>=2&&e.memberCount<=on&&(f=Qs(this._store.readersOf(d).map(m=>this.session.people.nameOf(m)),e.memberCount)),r.push({key:d.id,view:Zs(this._view,d,{grouped:p,receipt:f})}),l=d}for(let d of e.pending)r.push({key:`p-${d.id}`,view:ri(this,d)});return r}get _view(){return{me:this.session.me,people:this.session.people,base:this.client.baseURL,editing:this._editing,flash:this._flash,fileUrl:(e,t,s)=>this._fileUrl(e,t,s),menu:(e,t)=>this._openMenu(e,t),jump:e=>this.reveal(e),react:(e,t)=>We(this,e,t),reactors:(e,t)=>this._reactors.get(e.id)?.get(t.emoji)?.join(", ")||"",whoReacted:e=>ai(this,e),history:e=>ti(this,e),show:e=>this._store.reveal(e.id).catch(t=>(this._error=g(t),this.requestUpdate())),saveEdit:(e,t)=>this._saveEdit(e,t),cancelEdit:()=>(this._editing=null,this.focus()),open:(e,t,s)=>this._openImage(e,t,s),imageLoaded:()=>this._wasAtBottom&&this._toBottom()}}render(){let e=this._s;if(!this.session)return h`<p class="placeholder">${o("Sign in to see this conversation.")}</p>`;if(!e||!this.conversation)return h`<p class="placeholder">${o("Pick a conversation, or start a new one.")}</p>`;let t=e.typing.map(i=>this.session.people.nameOf(i)),s=e.loadingOlder?o("Loading older messages\u2026"):e.hasOlder||!e.loaded?"":e.messages.length?o("This is the beginning of the conversation."):o("No messages yet: say hello.");return h`
      ${ni(this)}
      ${this._unreadAbove?h`<button type="button" class="jump up" @click=${this._jumpToUnread}>${o("Jump to first unread")}</button>`:u}
      <section class="scroller" tabindex="0" aria-label=${o("Messages")} @scroll=${this._scrolled}>
        <p class="state muted">${s}</p>
        ${e.error||this._error?h`<p class="state error" role="alert">${e.error||this._error}</p>`:u}
        <ol class="messages">
          ${Js(this._timeline(),i=>i.key,i=>i.view)}
        </ol>
      </section>
      ${this._below?h`<button type="button" class="jump down" @click=${this._toBottom}>${o("New messages \u2193")}</button>`:u}
      <p class="typing" aria-live="polite">${t.length>1?o("{names} are typing\u2026",{names:U(t)}):t.length?o("{names} is typing\u2026",{names:t[0]}):""}</p>
      <p class="visually-hidden" role="status">${this._announce||""}</p>
      <pbchat-composer .store=${this._store} .session=${this.session} @pbchat-edit-last=${this._editLast}></pbchat-composer>
      ${this._menu?oi(this):u}
      <pbchat-people .store=${this._store} .session=${this.session}></pbchat-people>
      ${Ke(this)} ${ei(this)} ${si(this)} ${li(this)} ${Fe()}
      ${hi(this._lightbox,(i,r)=>this._fileUrl(i,r),i=>{let r=this._lightbox,a=Math.min(r.items.length-1,Math.max(0,r.index+i));this._lightbox={...r,index:a}},()=>this._lightbox=null)}
    `}};function an(n){return n.replace(/"[^"]*"?|[^\s"]+/g,e=>e.startsWith('"')||e.endsWith("*")||/^(or|and|not)$/i.test(e)?e:e+"*")}var zt=class extends y{static properties={session:{attribute:!1},conversation:{type:String},_q:{state:!0},_here:{state:!0},_from:{state:!0},_messages:{state:!0},_people:{state:!0},_total:{state:!0},_error:{state:!0}};static styles=[$,S`
      dialog {
        width: min(40rem, calc(100vw - 2rem));
      }
      h3 {
        margin: 0.4rem 0 0.2rem;
        font-size: 0.9rem;
        color: var(--_muted);
      }
      li button {
        display: grid;
        width: 100%;
        text-align: left;
        border: 0;
        background: none;
        gap: 0.1rem;
      }
      li button:hover {
        background: var(--_hover);
      }
      .where {
        font-size: 0.8rem;
        color: var(--_muted);
      }
      mark {
        background: var(--_flash);
        color: inherit;
      }
    `];show(){this._q="",this._from="",this._messages=[],this._people=[],this._total=-1,this._error="",this.requestUpdate(),this.updateComplete.then(()=>{let e=this.renderRoot.querySelector("dialog");e.showModal();let t=e.querySelector("input[type=search]");t.value="",t.focus()})}_input(e){this._q=e.target.value,clearTimeout(this._timer),this._timer=setTimeout(()=>this._run(),150)}async _run(){let e=this._q.trim();if(this._error="",!e){this._messages=this._people=[],this._total=-1;return}let t=this.session.pb,s={q:an(e),perPage:30};this._here&&this.conversation&&(s.conversation=this.conversation),this._from&&(s.author=this._from);try{let i=this._here||this._from,[r,a]=await Promise.all([t.send("/api/chat/search",{method:"GET",query:s,requestKey:null}),i?[]:ee(this.session,e)]);if(this._q.trim()!==e)return;this._messages=r.items,this._total=r.totalItems,this._people=a}catch(i){this._error=g(i)}}_go(e){this.renderRoot.querySelector("dialog").close(),this.dispatchEvent(new CustomEvent("pbchat-open",{detail:e,bubbles:!0,composed:!0}))}async _person(e){try{this._go({conversation:await this.session.startWith([e.id])})}catch(t){this._error=g(t)}}render(){let e=(this._q||"").trim().toLowerCase(),t=e&&!this._here&&!this._from?(this.session?.inbox.state.rows||[]).filter(i=>i.title.toLowerCase().includes(e)).slice(0,5):[],s=this.session?[...this.session.people.state.users.values()].filter(i=>i.name).sort((i,r)=>i.name.localeCompare(r.name)):[];return h`<dialog aria-labelledby="search-title" part="dialog">
      <div class="body">
        <h2 id="search-title">${o("Search")}</h2>
        <label>${o("Messages, conversations and people")} <input type="search" autocomplete="off" @input=${this._input} /></label>
        ${this.conversation?h`<label class="check"><input type="checkbox" .checked=${!!this._here} @change=${i=>(this._here=i.target.checked,this._run())} /> ${o("Only the open conversation")}</label>`:u}
        <label
          >${o("From")}
          <select @change=${i=>(this._from=i.target.value,this._run())}>
            <option value="" ?selected=${!this._from}>${o("Anyone")}</option>
            ${s.map(i=>h`<option value=${i.id} ?selected=${this._from===i.id}>${i.id===this.session.me?o("You"):i.name}</option>`)}
          </select></label
        >
        <p class="muted" role="status">${this._total<0?"":this._total===1?o("1 message found"):this._total?o("{n} messages found",{n:this._total}):t.length||this._people?.length?"":o("Nothing found.")}</p>
        <p class="error" role="alert">${this._error||""}</p>
        ${t.length?h`<h3>${o("Conversations")}</h3>
              <ul class="plain" aria-label=${o("Conversations found")}>
                ${t.map(i=>h`<li><button type="button" @click=${()=>this._go({conversation:i.id})}>${i.title}</button></li>`)}
              </ul>`:u}
        ${this._people?.length?h`<h3>${o("People")}</h3>
              <ul class="plain" aria-label=${o("People found")}>
                ${this._people.map(i=>h`<li><button type="button" @click=${()=>this._person(i)}>${i.name}</button></li>`)}
              </ul>`:u}
        ${this._messages?.length?h`<h3>${o("Messages")}</h3>
              <ul class="plain search-results" aria-label=${o("Messages found")}>
                ${this._messages.map(i=>this._result(i))}
              </ul>`:u}
        <div class="actions"><button type="button" @click=${()=>this.renderRoot.querySelector("dialog").close()}>${o("Close")}</button></div>
      </div>
    </dialog>`}_result(e){let t=this.session.inbox.row(e.conversation);return h`<li>
      <button type="button" @click=${()=>this._go({conversation:e.conversation,message:e.id})}>
        <span class="where">${t?.title||o("A conversation")} · ${e.expand?.author?.name||""} · ${O(e.created)}</span>
        <span>${ln(e.snippet||e.text||"",e.highlights||[])}</span>
      </button>
    </li>`}};function ln(n,e){let t=[],s=0;for(let[i,r]of e)i>s&&t.push(n.slice(s,i)),t.push(h`<mark>${n.slice(i,r)}</mark>`),s=r;return t.push(n.slice(s)),t}customElements.get("pbchat-search")||customElements.define("pbchat-search",zt);var Kt=class extends y{static properties={session:{attribute:!1},_error:{state:!0},_permission:{state:!0}};static styles=[$];show(){this._error="",this._off?.(),this._off=this.session.safety.subscribe(()=>this.requestUpdate()),this.session.safety.wantBlocks(),this._permission=typeof Notification>"u"?"unsupported":Notification.permission,this.requestUpdate(),this.updateComplete.then(()=>this.renderRoot.querySelector("dialog").showModal())}async _allow(){await Notification.requestPermission(),this._permission=Notification.permission,this._permission==="granted"&&(E.desktop=!0,je()),this.requestUpdate()}_device(e,t){E[e]=t,je()}async _push(e){try{await zs(this.session.pb,e.target.checked)}catch(t){e.target.checked=!!E.push,this._error=g(t)}}disconnectedCallback(){super.disconnectedCallback(),this._off?.()}async _unblock(e){try{await this.session.safety.unblock(e)}catch(t){this._error=g(t)}}async _download(){try{let e=this.session.pb,t=await fetch(e.buildURL("/api/chat/export"),{headers:{Authorization:e.authStore.token}});if(!t.ok)throw Object.assign(new Error(t.statusText),{status:t.status});let s=document.createElement("a");s.href=URL.createObjectURL(await t.blob()),s.download=`pbchat-${this.session.me}.json`,s.click(),setTimeout(()=>URL.revokeObjectURL(s.href),1e4)}catch(e){this._error=g(e)}}async _user(e){try{await this.session.pb.collection("users").update(this.session.me,e,{requestKey:null})}catch(t){this._error=g(t)}}_blocked(){let e=this.session?.safety.state.blocks;return e?e.length?h`<ul class="plain" aria-label=${o("People you block")}>
      ${e.map(t=>{let s=t.expand?.blocked?.name||this.session.people.nameOf(t.blocked);return h`<li class="actions" style="justify-content: space-between">
          <span>${s}</span>
          <button type="button" @click=${()=>this._unblock(t.blocked)}>${o("Unblock")}<span class="visually-hidden"> ${s}</span></button>
        </li>`})}
    </ul>`:h`<p class="muted">${o("You block nobody.")}</p>`:h`<p class="muted">${o("Loading\u2026")}</p>`}render(){let e=this.session?.user||{},t=this._permission,s={granted:o("This browser may show notifications."),denied:o("This browser blocks notifications from pbchat: allow them in its site settings."),unsupported:o("This browser can't show notifications.")};return h`<dialog aria-labelledby="settings-title" part="dialog">
      <div class="body">
        <h2 id="settings-title">${o("Settings")}</h2>
        <h3>${o("On this device")}</h3>
        ${s[t]?h`<p class="muted">${s[t]}</p>`:u}
        ${t==="default"?h`<button type="button" class="primary" @click=${this._allow}>${o("Allow notifications")}</button>`:u}
        <label class="check"
          ><input type="checkbox" .checked=${E.desktop} @change=${i=>this._device("desktop",i.target.checked)} /> ${o("Desktop notifications while pbchat is in the background")}</label
        >
        <label class="check"><input type="checkbox" .checked=${!!E.push} @change=${this._push} /> ${o("Push notifications while pbchat is closed")}</label>
        <label class="check"><input type="checkbox" .checked=${E.sound} @change=${i=>this._device("sound",i.target.checked)} /> ${o("A soft sound for new messages")}</label>
        <h3>${o("Everywhere")}</h3>
        <label class="check"
          ><input type="checkbox" .checked=${!!e.mentionsBreakMute} @change=${i=>this._user({mentionsBreakMute:i.target.checked})} /> ${o("A mention of me notifies even in muted conversations")}</label
        >
        <label class="check"
          ><input type="checkbox" .checked=${!e.emailDigestsOff} @change=${i=>this._user({emailDigestsOff:!i.target.checked})} /> ${o("Email me a digest when I've been away 15 minutes with unread messages")}</label
        >
        <p class="muted">${o("Mute a conversation in its People & settings.")}</p>
        <h3>${o("Privacy")}</h3>
        <label
          >${o("Who can add me to conversations")}
          <select @change=${i=>this._user({whoCanAdd:i.target.value})}>
            ${[["everyone",o("Everyone")],["shared",o("People I share a conversation with")],["nobody",o("Nobody: everyone invites me")]].map(([i,r])=>h`<option value=${i} ?selected=${(e.whoCanAdd||"shared")===i}>${r}</option>`)}
          </select></label
        >
        <p class="muted">${o("Anyone else can only invite you: you accept or decline.")}</p>
        ${this._blocked()}
        <h3>${o("Your data")}</h3>
        <p class="muted">${o("Your settings, conversations, messages, reactions and blocks, as a JSON file.")}</p>
        <button type="button" @click=${this._download}>${o("Download my data")}</button>
        <p class="error" role="alert">${this._error||""}</p>
        <div class="actions"><button type="button" @click=${()=>this.renderRoot.querySelector("dialog").close()}>${o("Close")}</button></div>
      </div>
    </dialog>`}};customElements.get("pbchat-settings")||customElements.define("pbchat-settings",Kt);var Ht=class extends y{static properties={session:{attribute:!1},_error:{state:!0}};static styles=[$];show(){this._error="",this.requestUpdate(),this.updateComplete.then(()=>{let e=this.renderRoot.querySelector("dialog");e.querySelector("form").reset(),e.showModal(),e.querySelector("input").focus()})}async _save(e){e.preventDefault();let t=e.target.elements,s=new FormData;s.append("name",t.name.value.trim()),s.append("presenceHidden",String(t.hidden.checked));let i=t.avatar.files[0];if(i){if(i.size>5<<20)return this._error=o("A picture is at most 5 MB.");s.append("avatar",i)}try{await this.session.pb.collection("users").update(this.session.me,s,{requestKey:null}),this.renderRoot.querySelector("dialog").close()}catch(r){this._error=g(r)}}render(){let e=this.session?.user||{};return h`<dialog aria-labelledby="profile-title" part="dialog">
      <form @submit=${this._save}>
        <h2 id="profile-title">${o("Your profile")}</h2>
        <label>${o("Name")} <input name="name" maxlength="255" required .defaultValue=${e.name||""} /></label>
        <label>${o("Picture")} <input name="avatar" type="file" accept="image/png,image/jpeg,image/gif,image/webp" /></label>
        <label class="check"><input name="hidden" type="checkbox" .defaultChecked=${!!e.presenceHidden} /> ${o("Hide when I'm online")}</label>
        <p class="error" role="alert">${this._error||""}</p>
        <div class="actions">
          <button type="button" @click=${()=>this.renderRoot.querySelector("dialog").close()}>${o("Cancel")}</button>
          <button type="submit" class="primary">${o("Save")}</button>
        </div>
      </form>
    </dialog>`}};customElements.get("pbchat-profile")||customElements.define("pbchat-profile",Ht);var mi={[v.CONNECTING]:"Connecting\u2026",[v.LIVE]:"Live",[v.RECONNECTING]:"Reconnecting\u2026",[v.OFFLINE]:"Offline",[v.UNAUTHORIZED]:"Signed out"},Ge=class extends P{static properties={...P.properties,_selected:{state:!0},_conn:{state:!0},_narrow:{state:!0},_message:{state:!0},_gone:{state:!0},_join:{state:!0}};static styles=[$,S`
      :host {
        display: flex;
        flex-direction: column;
        height: 100%;
        min-height: 0;
      }
      .top {
        display: flex;
        align-items: center;
        gap: 0.6rem;
        padding: 0.45rem 0.9rem;
        border-bottom: 1px solid var(--_line);
        background: var(--_raised);
      }
      .brand {
        margin: 0;
        font-size: 1.1rem;
      }
      .conn {
        margin: 0;
        font-size: 0.8rem;
        padding: 0.1rem 0.5rem;
        border-radius: 999px;
        border: 1px solid var(--_line);
        color: var(--_muted);
      }
      .conn[data-state="live"] {
        color: light-dark(#05603a, #6ce9a6);
      }
      .me {
        margin-left: auto;
        display: flex;
        gap: 0.2rem;
        flex-wrap: wrap;
      }
      main {
        flex: 1;
        display: grid;
        grid-template-columns: minmax(15rem, 22rem) 1fr;
        min-height: 0;
      }
      pbchat-inbox {
        border-right: 1px solid var(--_line);
        min-height: 0;
      }
      .placeholder {
        margin: auto;
        color: var(--_muted);
        padding: 2rem;
      }
      .right {
        display: flex;
        min-height: 0;
        min-width: 0;
      }
      .right > * {
        flex: 1;
      }
      :host([narrow]) main {
        grid-template-columns: 1fr;
      }
      :host([narrow][open]) pbchat-inbox,
      :host([narrow][open]) .top,
      :host([narrow]:not([open])) .right {
        display: none;
      }
    `];constructor(){super(),this._selected=De(globalThis.location?.hash||""),this._join=Mt(globalThis.location?.hash||""),this._onHash=()=>{this._selected=De(location.hash),this._join=Mt(location.hash)},this._onKey=e=>{(e.ctrlKey||e.metaKey)&&e.key.toLowerCase()==="k"&&this.session&&(e.preventDefault(),this._search())},this._media=globalThis.matchMedia?.("(max-width: 700px)"),this._onMedia=()=>this._narrow=!!this._media?.matches,this._onMedia(),this.addEventListener("pbchat-open",e=>this._onOpen(e))}connectedCallback(){super.connectedCallback(),addEventListener("popstate",this._onHash),addEventListener("hashchange",this._onHash),addEventListener("keydown",this._onKey),this._media?.addEventListener("change",this._onMedia)}disconnectedCallback(){super.disconnectedCallback(),removeEventListener("popstate",this._onHash),removeEventListener("hashchange",this._onHash),removeEventListener("keydown",this._onKey),this._media?.removeEventListener("change",this._onMedia)}run(e){this._message="",this._conn=e.client.state;let t=[e.client.on("state",s=>this._conn=s),Ms(e,s=>this.open(s)),e.inbox.subscribe(s=>{this._title(e),this._gone=!!this._selected&&s.loaded&&!e.inbox.row(this._selected)})];return this.hasAttribute("service-worker")&&Bs(s=>this.open(s)),e.pb.collection("users").authRefresh({requestKey:null}).catch(s=>{[401,403,404].includes(s?.status)&&(e.pb.authStore.clear(),this._message=o("Your session has ended. Please sign in again."))}),()=>t.forEach(s=>s())}signedOut(){document.title="pbchat"}willUpdate(e){if(super.willUpdate(e),this.toggleAttribute("narrow",!!this._narrow),this.toggleAttribute("open",!!this._selected||!!this._join),e.has("_selected")&&this.session){let t=this.session.inbox;this._gone=!!this._selected&&t.state.loaded&&!t.row(this._selected)}e.has("_gone")&&this._gone&&this._find(this._selected)}async _find(e){!await this.session?.inbox.refresh(e)&&this._selected===e?this._gone=!0:this._gone=!1}_title(e){let t=e.inbox.unread;document.title=t?`(${t>999?"999+":t}) pbchat`:"pbchat"}async open(e,t){e!==this._selected&&(history.pushState(null,"",`#conversation=${e}`),this._selected=e),await this.updateComplete;let s=this.renderRoot.querySelector("pbchat-conversation");t?await s?.updateComplete.then(()=>s.reveal(t)):s?.focus()}_onOpen(e){e.preventDefault(),this.open(e.detail.conversation,e.detail.message)}_back(){history.pushState(null,"",location.pathname+location.search),this._selected=""}async _signOut(){await this.session.forget(),this.client.authStore.clear()}_search(){this.renderRoot.querySelector("pbchat-search")?.show()}render(){if(!this.session)return h`<pbchat-auth .pb=${this.client} .message=${this._message}></pbchat-auth>`;let e=this.session.user||{},t=this._gone?"":this._selected;return h`
      <header class="top" part="top">
        <h1 class="brand">pbchat</h1>
        ${mi[this._conn]?h`<p class="conn" role="status" data-state=${this._conn}>${o(mi[this._conn])}</p>`:u}
        <div class="me">
          <button type="button" class="link" @click=${()=>this.renderRoot.querySelector("pbchat-profile").show()}>
            <span class="visually-hidden">${o("Your profile:")} </span><span class="me-name">${e.name||e.email||""}</span>
          </button>
          <button type="button" class="link" @click=${()=>this.renderRoot.querySelector("pbchat-settings").show()}>${o("Settings")}</button>
          <button type="button" class="link" @click=${this._signOut}>${o("Sign out")}</button>
        </div>
      </header>
      <main>
        <pbchat-inbox .pb=${this.client} .selected=${t}>
          <button slot="actions" type="button" @click=${this._search} title="Ctrl+K">${o("Search")}</button>
        </pbchat-inbox>
        <div class="right">
          ${this._join&&!t?h`<pbchat-join .session=${this.session} token=${this._join}></pbchat-join>`:t?h`<pbchat-conversation .pb=${this.client} conversation=${t} ?back=${this._narrow} @pbchat-back=${this._back}></pbchat-conversation>`:h`<p class="placeholder">${this._gone?o("That conversation isn\u2019t here: you may have left it, or it was deleted."):o("Pick a conversation, or start a new one.")}</p>`}
        </div>
      </main>
      <pbchat-search .session=${this.session} conversation=${t||""}></pbchat-search>
      <pbchat-settings .session=${this.session}></pbchat-settings>
      <pbchat-profile .session=${this.session}></pbchat-profile>
    `}};for(let[n,e]of[["pbchat-inbox",Me],["pbchat-conversation",Ve],["pbchat-app",Ge]])customElements.get(n)||customElements.define(n,e);export{he as ConversationStore,pe as InboxStore,Ge as PbchatApp,Ve as PbchatConversation,Me as PbchatInbox,R as previewOf,qi as setLanguage,At as titleOf};
