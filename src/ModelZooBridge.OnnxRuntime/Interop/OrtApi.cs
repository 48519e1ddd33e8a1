using System.Runtime.InteropServices;

namespace ModelZooBridge.OnnxRuntime.Interop;

/// <summary>
/// The C function table <c>struct OrtApi</c> of ONNX Runtime, pinned to <b>ORT 1.30.0</b>
/// (<c>include/onnxruntime/core/session/onnxruntime_c_api.h</c>, <c>ORT_API_VERSION</c> 30).
/// Field order must match the header exactly: the table is append-only across versions, so only the prefix up to the
/// last slot this binding calls (208, <c>ReleaseCUDAProviderOptions</c>) is declared. Slots are numbered in
/// brackets; each called slot carries its C signature. Every <c>OrtStatus*</c> result goes through
/// <see cref="OrtStatus.ThrowIfFailed"/>.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct OrtApi
{
    /// <summary>The API version requested from <c>OrtApiBase::GetApi</c>; ORT 1.30 accepts 1 to 30.</summary>
    public const uint Version = 30;

    /// <summary>Number of slots declared here (the prefix of the 1.30 table).</summary>
    public const int DeclaredSlots = 209;

    // ---- Status, environment, sessions, run ----
    // [0] not called by this binding
    public IntPtr CreateStatus;
    // [1] OrtErrorCode(const OrtStatus* status)
    public delegate* unmanaged[Cdecl]<IntPtr, OrtErrorCode> GetErrorCode;
    // [2] const char*(const OrtStatus* status)
    public delegate* unmanaged[Cdecl]<IntPtr, byte*> GetErrorMessage;
    // [3] not called by this binding
    public IntPtr CreateEnv;
    // [4] OrtStatus*(OrtLoggingFunction logging_function, void* logger_param, OrtLoggingLevel log_severity_level, const char* logid, OrtEnv** out)
    public delegate* unmanaged[Cdecl]<delegate* unmanaged[Cdecl]<IntPtr, int, byte*, byte*, byte*, byte*, void>, IntPtr, int, byte*, IntPtr*, IntPtr> CreateEnvWithCustomLogger;
    // [5] not called by this binding
    public IntPtr EnableTelemetryEvents;
    // [6] OrtStatus*(const OrtEnv* env)
    public delegate* unmanaged[Cdecl]<IntPtr, IntPtr> DisableTelemetryEvents;
    // [7] OrtStatus*(const OrtEnv* env, const ORTCHAR_T* model_path, const OrtSessionOptions* options, OrtSession** out); ORTCHAR_T is char (UTF-8) on Linux
    public delegate* unmanaged[Cdecl]<IntPtr, byte*, IntPtr, IntPtr*, IntPtr> CreateSession;
    // [8] OrtStatus*(const OrtEnv* env, const void* model_data, size_t model_data_length, const OrtSessionOptions* options, OrtSession** out)
    public delegate* unmanaged[Cdecl]<IntPtr, void*, nuint, IntPtr, IntPtr*, IntPtr> CreateSessionFromArray;
    // [9] OrtStatus*(OrtSession* session, const OrtRunOptions* run_options, const char* const* input_names, const OrtValue* const* inputs, size_t input_len, const char* const* output_names, size_t output_names_len, OrtValue** outputs)
    public delegate* unmanaged[Cdecl]<IntPtr, IntPtr, byte**, IntPtr*, nuint, byte**, nuint, IntPtr*, IntPtr> Run;

    // ---- Session options ----
    // [10] OrtStatus*(OrtSessionOptions** options)
    public delegate* unmanaged[Cdecl]<IntPtr*, IntPtr> CreateSessionOptions;
    // [11..21] not called by this binding
    public IntPtr SetOptimizedModelFilePath, CloneSessionOptions, SetSessionExecutionMode, EnableProfiling,
        DisableProfiling, EnableMemPattern, DisableMemPattern, EnableCpuMemArena, DisableCpuMemArena,
        SetSessionLogId, SetSessionLogVerbosityLevel;
    // [22] OrtStatus*(OrtSessionOptions* options, int session_log_severity_level)
    public delegate* unmanaged[Cdecl]<IntPtr, int, IntPtr> SetSessionLogSeverityLevel;
    // [23] OrtStatus*(OrtSessionOptions* options, GraphOptimizationLevel graph_optimization_level)
    public delegate* unmanaged[Cdecl]<IntPtr, int, IntPtr> SetSessionGraphOptimizationLevel;
    // [24] OrtStatus*(OrtSessionOptions* options, int intra_op_num_threads)
    public delegate* unmanaged[Cdecl]<IntPtr, int, IntPtr> SetIntraOpNumThreads;
    // [25] OrtStatus*(OrtSessionOptions* options, int inter_op_num_threads)
    public delegate* unmanaged[Cdecl]<IntPtr, int, IntPtr> SetInterOpNumThreads;

    // ---- Custom ops (unused) ----
    // [26..29] not called by this binding
    public IntPtr CreateCustomOpDomain, CustomOpDomain_Add, AddCustomOpDomain, RegisterCustomOpsLibrary;

    // ---- Session inputs and outputs; run options ----
    // [30] OrtStatus*(const OrtSession* session, size_t* out)
    public delegate* unmanaged[Cdecl]<IntPtr, nuint*, IntPtr> SessionGetInputCount;
    // [31] OrtStatus*(const OrtSession* session, size_t* out)
    public delegate* unmanaged[Cdecl]<IntPtr, nuint*, IntPtr> SessionGetOutputCount;
    // [32] not called by this binding
    public IntPtr SessionGetOverridableInitializerCount;
    // [33] OrtStatus*(const OrtSession* session, size_t index, OrtTypeInfo** type_info)
    public delegate* unmanaged[Cdecl]<IntPtr, nuint, IntPtr*, IntPtr> SessionGetInputTypeInfo;
    // [34] OrtStatus*(const OrtSession* session, size_t index, OrtTypeInfo** type_info)
    public delegate* unmanaged[Cdecl]<IntPtr, nuint, IntPtr*, IntPtr> SessionGetOutputTypeInfo;
    // [35] not called by this binding
    public IntPtr SessionGetOverridableInitializerTypeInfo;
    // [36] OrtStatus*(const OrtSession* session, size_t index, OrtAllocator* allocator, char** value)
    public delegate* unmanaged[Cdecl]<IntPtr, nuint, IntPtr, byte**, IntPtr> SessionGetInputName;
    // [37] OrtStatus*(const OrtSession* session, size_t index, OrtAllocator* allocator, char** value)
    public delegate* unmanaged[Cdecl]<IntPtr, nuint, IntPtr, byte**, IntPtr> SessionGetOutputName;
    // [38] not called by this binding
    public IntPtr SessionGetOverridableInitializerName;
    // [39] OrtStatus*(OrtRunOptions** out)
    public delegate* unmanaged[Cdecl]<IntPtr*, IntPtr> CreateRunOptions;
    // [40..45] not called by this binding
    public IntPtr RunOptionsSetRunLogVerbosityLevel, RunOptionsSetRunLogSeverityLevel, RunOptionsSetRunTag,
        RunOptionsGetRunLogVerbosityLevel, RunOptionsGetRunLogSeverityLevel, RunOptionsGetRunTag;
    // [46] OrtStatus*(OrtRunOptions* options)
    public delegate* unmanaged[Cdecl]<IntPtr, IntPtr> RunOptionsSetTerminate;
    // [47] OrtStatus*(OrtRunOptions* options)
    public delegate* unmanaged[Cdecl]<IntPtr, IntPtr> RunOptionsUnsetTerminate;

    // ---- Values and tensors ----
    // [48] not called by this binding
    public IntPtr CreateTensorAsOrtValue;
    // [49] OrtStatus*(const OrtMemoryInfo* info, void* p_data, size_t p_data_len, const int64_t* shape, size_t shape_len, ONNXTensorElementDataType type, OrtValue** out); p_data_len is in bytes
    public delegate* unmanaged[Cdecl]<IntPtr, void*, nuint, long*, nuint, int, IntPtr*, IntPtr> CreateTensorWithDataAsOrtValue;
    // [50] OrtStatus*(const OrtValue* value, int* out)
    public delegate* unmanaged[Cdecl]<IntPtr, int*, IntPtr> IsTensor;
    // [51] OrtStatus*(OrtValue* value, void** out)
    public delegate* unmanaged[Cdecl]<IntPtr, void**, IntPtr> GetTensorMutableData;
    // [52..54] not called by this binding
    public IntPtr FillStringTensor, GetStringTensorDataLength, GetStringTensorContent;

    // ---- Type and shape information; memory info; allocators ----
    // [55] OrtStatus*(const OrtTypeInfo* type_info, const OrtTensorTypeAndShapeInfo** out); out belongs to type_info
    public delegate* unmanaged[Cdecl]<IntPtr, IntPtr*, IntPtr> CastTypeInfoToTensorInfo;
    // [56] OrtStatus*(const OrtTypeInfo* type_info, enum ONNXType* out)
    public delegate* unmanaged[Cdecl]<IntPtr, int*, IntPtr> GetOnnxTypeFromTypeInfo;
    // [57..59] not called by this binding
    public IntPtr CreateTensorTypeAndShapeInfo, SetTensorElementType, SetDimensions;
    // [60] OrtStatus*(const OrtTensorTypeAndShapeInfo* info, ONNXTensorElementDataType* out)
    public delegate* unmanaged[Cdecl]<IntPtr, int*, IntPtr> GetTensorElementType;
    // [61] OrtStatus*(const OrtTensorTypeAndShapeInfo* info, size_t* out)
    public delegate* unmanaged[Cdecl]<IntPtr, nuint*, IntPtr> GetDimensionsCount;
    // [62] OrtStatus*(const OrtTensorTypeAndShapeInfo* info, int64_t* dim_values, size_t dim_values_length)
    public delegate* unmanaged[Cdecl]<IntPtr, long*, nuint, IntPtr> GetDimensions;
    // [63] OrtStatus*(const OrtTensorTypeAndShapeInfo* info, const char* dim_params[], size_t dim_params_length)
    public delegate* unmanaged[Cdecl]<IntPtr, byte**, nuint, IntPtr> GetSymbolicDimensions;
    // [64] OrtStatus*(const OrtTensorTypeAndShapeInfo* info, size_t* out)
    public delegate* unmanaged[Cdecl]<IntPtr, nuint*, IntPtr> GetTensorShapeElementCount;
    // [65] OrtStatus*(const OrtValue* value, OrtTensorTypeAndShapeInfo** out)
    public delegate* unmanaged[Cdecl]<IntPtr, IntPtr*, IntPtr> GetTensorTypeAndShape;
    // [66..68] not called by this binding
    public IntPtr GetTypeInfo, GetValueType, CreateMemoryInfo;
    // [69] OrtStatus*(enum OrtAllocatorType type, enum OrtMemType mem_type, OrtMemoryInfo** out)
    public delegate* unmanaged[Cdecl]<int, int, IntPtr*, IntPtr> CreateCpuMemoryInfo;
    // [70..75] not called by this binding
    public IntPtr CompareMemoryInfo, MemoryInfoGetName, MemoryInfoGetId, MemoryInfoGetMemType, MemoryInfoGetType,
        AllocatorAlloc;
    // [76] OrtStatus*(OrtAllocator* ort_allocator, void* p)
    public delegate* unmanaged[Cdecl]<IntPtr, void*, IntPtr> AllocatorFree;
    // [77] not called by this binding
    public IntPtr AllocatorGetInfo;
    // [78] OrtStatus*(OrtAllocator** out); the allocator is owned by ORT
    public delegate* unmanaged[Cdecl]<IntPtr*, IntPtr> GetAllocatorWithDefaultOptions;

    // ---- Kernel API (unused) ----
    // [79..91] not called by this binding
    public IntPtr AddFreeDimensionOverride, GetValue, GetValueCount, CreateValue, CreateOpaqueValue, GetOpaqueValue,
        KernelInfoGetAttribute_float, KernelInfoGetAttribute_int64, KernelInfoGetAttribute_string,
        KernelContext_GetInputCount, KernelContext_GetOutputCount, KernelContext_GetInput, KernelContext_GetOutput;

    // ---- Release functions and more type info ----
    // [92] void(OrtEnv* input)
    public delegate* unmanaged[Cdecl]<IntPtr, void> ReleaseEnv;
    // [93] void(OrtStatus* input)
    public delegate* unmanaged[Cdecl]<IntPtr, void> ReleaseStatus;
    // [94] void(OrtMemoryInfo* input)
    public delegate* unmanaged[Cdecl]<IntPtr, void> ReleaseMemoryInfo;
    // [95] void(OrtSession* input)
    public delegate* unmanaged[Cdecl]<IntPtr, void> ReleaseSession;
    // [96] void(OrtValue* input)
    public delegate* unmanaged[Cdecl]<IntPtr, void> ReleaseValue;
    // [97] void(OrtRunOptions* input)
    public delegate* unmanaged[Cdecl]<IntPtr, void> ReleaseRunOptions;
    // [98] void(OrtTypeInfo* input)
    public delegate* unmanaged[Cdecl]<IntPtr, void> ReleaseTypeInfo;
    // [99] void(OrtTensorTypeAndShapeInfo* input)
    public delegate* unmanaged[Cdecl]<IntPtr, void> ReleaseTensorTypeAndShapeInfo;
    // [100] void(OrtSessionOptions* input)
    public delegate* unmanaged[Cdecl]<IntPtr, void> ReleaseSessionOptions;
    // [101..109] not called by this binding
    public IntPtr ReleaseCustomOpDomain, GetDenotationFromTypeInfo, CastTypeInfoToMapTypeInfo,
        CastTypeInfoToSequenceTypeInfo, GetMapKeyType, GetMapValueType, GetSequenceElementType, ReleaseMapTypeInfo,
        ReleaseSequenceTypeInfo;

    // ---- Model metadata (unused) ----
    // [110..117] not called by this binding
    public IntPtr SessionEndProfiling, SessionGetModelMetadata, ModelMetadataGetProducerName,
        ModelMetadataGetGraphName, ModelMetadataGetDomain, ModelMetadataGetDescription,
        ModelMetadataLookupCustomMetadataMap, ModelMetadataGetVersion;

    // ---- Global thread pools (unused) ----
    // [118..123] not called by this binding
    public IntPtr ReleaseModelMetadata, CreateEnvWithGlobalThreadPools, DisablePerSessionThreads,
        CreateThreadingOptions, ReleaseThreadingOptions, ModelMetadataGetCustomMetadataMapKeys;

    // ---- Providers and config entries ----
    // [124] not called by this binding
    public IntPtr AddFreeDimensionOverrideByName;
    // [125] OrtStatus*(char*** out_ptr, int* provider_length)
    public delegate* unmanaged[Cdecl]<byte***, int*, IntPtr> GetAvailableProviders;
    // [126] OrtStatus*(char** ptr, int providers_length)
    public delegate* unmanaged[Cdecl]<byte**, int, IntPtr> ReleaseAvailableProviders;
    // [127..129] not called by this binding
    public IntPtr GetStringTensorElementLength, GetStringTensorElement, FillStringTensorElement;
    // [130] OrtStatus*(OrtSessionOptions* options, const char* config_key, const char* config_value)
    public delegate* unmanaged[Cdecl]<IntPtr, byte*, byte*, IntPtr> AddSessionConfigEntry;

    // ---- Allocators, IO binding, providers and later additions ----
    // [131..203] not called by this binding
    public IntPtr CreateAllocator, ReleaseAllocator, RunWithBinding, CreateIoBinding, ReleaseIoBinding, BindInput,
        BindOutput, BindOutputToDevice, GetBoundOutputNames, GetBoundOutputValues, ClearBoundInputs,
        ClearBoundOutputs, TensorAt, CreateAndRegisterAllocator, SetLanguageProjection,
        SessionGetProfilingStartTimeNs, SetGlobalIntraOpNumThreads, SetGlobalInterOpNumThreads, SetGlobalSpinControl,
        AddInitializer, CreateEnvWithCustomLoggerAndGlobalThreadPools, SessionOptionsAppendExecutionProvider_CUDA,
        SessionOptionsAppendExecutionProvider_ROCM, SessionOptionsAppendExecutionProvider_OpenVINO,
        SetGlobalDenormalAsZero, CreateArenaCfg, ReleaseArenaCfg, ModelMetadataGetGraphDescription,
        SessionOptionsAppendExecutionProvider_TensorRT, SetCurrentGpuDeviceId, GetCurrentGpuDeviceId,
        KernelInfoGetAttributeArray_float, KernelInfoGetAttributeArray_int64, CreateArenaCfgV2, AddRunConfigEntry,
        CreatePrepackedWeightsContainer, ReleasePrepackedWeightsContainer,
        CreateSessionWithPrepackedWeightsContainer, CreateSessionFromArrayWithPrepackedWeightsContainer,
        SessionOptionsAppendExecutionProvider_TensorRT_V2, CreateTensorRTProviderOptions,
        UpdateTensorRTProviderOptions, GetTensorRTProviderOptionsAsString, ReleaseTensorRTProviderOptions,
        EnableOrtCustomOps, RegisterAllocator, UnregisterAllocator, IsSparseTensor, CreateSparseTensorAsOrtValue,
        FillSparseTensorCoo, FillSparseTensorCsr, FillSparseTensorBlockSparse,
        CreateSparseTensorWithValuesAsOrtValue, UseCooIndices, UseCsrIndices, UseBlockSparseIndices,
        GetSparseTensorFormat, GetSparseTensorValuesTypeAndShape, GetSparseTensorValues,
        GetSparseTensorIndicesTypeShape, GetSparseTensorIndices, HasValue, KernelContext_GetGPUComputeStream,
        GetTensorMemoryInfo, GetExecutionProviderApi, SessionOptionsSetCustomCreateThreadFn,
        SessionOptionsSetCustomThreadCreationOptions, SessionOptionsSetCustomJoinThreadFn,
        SetGlobalCustomCreateThreadFn, SetGlobalCustomThreadCreationOptions, SetGlobalCustomJoinThreadFn,
        SynchronizeBoundInputs, SynchronizeBoundOutputs;
    // [204] OrtStatus*(OrtSessionOptions* options, const OrtCUDAProviderOptionsV2* cuda_options)
    public delegate* unmanaged[Cdecl]<IntPtr, IntPtr, IntPtr> SessionOptionsAppendExecutionProvider_CUDA_V2;
    // [205] OrtStatus*(OrtCUDAProviderOptionsV2** out)
    public delegate* unmanaged[Cdecl]<IntPtr*, IntPtr> CreateCUDAProviderOptions;
    // [206] OrtStatus*(OrtCUDAProviderOptionsV2* cuda_options, const char* const* provider_options_keys, const char* const* provider_options_values, size_t num_keys)
    public delegate* unmanaged[Cdecl]<IntPtr, byte**, byte**, nuint, IntPtr> UpdateCUDAProviderOptions;
    // [207] not called by this binding
    public IntPtr GetCUDAProviderOptionsAsString;
    // [208] void(OrtCUDAProviderOptionsV2* input)
    public delegate* unmanaged[Cdecl]<IntPtr, void> ReleaseCUDAProviderOptions;
}
